package io.medsettle.adjudication;

import java.time.LocalDate;

/**
 * When a new member's benefits start (DOMAIN.md "Waiting periods"): at once (Lianyungang), a number
 * of months after the insured-since date (Langfang 3, flexible workers 6; Yantai 6), or from the
 * first of the following month (Zhenjiang, flexible workers two months later still). A settlement
 * is eligible when its admission date is on or after that day.
 */
public record WaitingPeriod(Kind kind, int months, int flexibleMonths) {

    public enum Kind { NONE, MONTHS_AFTER_INSURED, FROM_NEXT_MONTH }

    public static final WaitingPeriod NONE = new WaitingPeriod(Kind.NONE, 0, 0);

    public LocalDate eligibleFrom(Member member) {
        int extra = member.category() == MemberCategory.FLEXIBLE ? flexibleMonths : months;
        return switch (kind) {
            case NONE -> member.insuredSince();
            case MONTHS_AFTER_INSURED -> member.insuredSince().plusMonths(extra);
            case FROM_NEXT_MONTH -> member.insuredSince().withDayOfMonth(1).plusMonths(1).plusMonths(extra);
        };
    }
}
