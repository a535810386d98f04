package io.medsettle.runs;

import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;

/**
 * What a failed job execution says to the operator: a refusal found inside the run (an exception of
 * the caller's refusal type anywhere in a failure's causes) is handed back as it was thrown, so that it
 * reads as refused input rather than a failure; otherwise the innermost cause's message.
 */
public final class JobFailures {

    private JobFailures() {
    }

    /** The first refusal of that type among the execution's failures and their causes. */
    public static <R extends RuntimeException> Optional<R> refusal(JobExecution execution, Class<R> type) {
        for (Throwable failure : execution.getAllFailureExceptions()) {
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (type.isInstance(t)) {
                    return Optional.of(type.cast(t));
                }
            }
        }
        return Optional.empty();
    }

    /** The innermost cause's message of the execution's first failure, or its exit description. */
    public static String reason(JobExecution execution) {
        return execution.getAllFailureExceptions().stream().findFirst().map(JobFailures::innermost)
                .orElse(execution.getExitStatus().getExitDescription());
    }

    private static String innermost(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
