package io.medsettle.console;

/**
 * A run the console starts in the background and watches: the job and the parameter naming its
 * period in the job repository, the lock that keeps two runs of that period apart, the page it
 * belongs to, the prefix of its audit actions, and the exception that means "refused" rather than
 * "failed".
 *
 * @param value       the period as the job parameter and the audit's detail hold it ({@code 2025-01}, {@code 2025})
 * @param page        the period's page, context-relative; its progress panel is {@code page + "/progress"}
 * @param auditPrefix put before {@code preview} and {@code approve} in the audit ({@code year-end-} for the year-end)
 */
record RunTarget(Kind kind, String job, String parameter, String value, String lockKey, String page, String auditPrefix,
                 Class<? extends RuntimeException> refusal) {

    enum Kind { MONTH_END, YEAR_END }

    /** The audit's action for a preview or an approval; the outcomes add {@code -started}, {@code -refused}, … */
    String action(boolean approve) {
        return auditPrefix + (approve ? "approve" : "preview");
    }
}
