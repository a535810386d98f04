package io.medsettle.settlement;

import io.medsettle.ledger.Money;

import java.util.Optional;

/**
 * One institution's month-end result: the columns of {@code settlement-<yyyy-MM>.csv}, plus the
 * per-stream holdback split that the ledger postings need.
 *
 * @param computedDue    the period's own figure before the floor at zero (DOMAIN.md §2)
 * @param adjustmentDue  the signed figure of the adjustment lines ({@link DueRule#adjustmentDue})
 * @param due            what took part in the allocation: {@code max(0, max(0, computedDue) + adjustmentDue)}
 * @param clawback       what the adjustment lines took back beyond that: the pooled stream is
 *                       {@code allocated − clawback}
 * @param pooled         the pooled stream's split
 * @param supplementary  the supplementary stream's split (the period's own plus its adjustment lines)
 * @param account        the account stream's split (likewise)
 * @param payment        what the bank pays, after what the institution owed before
 */
public record SettlementLine(
        InstitutionMonth figures,
        Money averageAmount,
        Money computedDue,
        Money adjustmentDue,
        Money due,
        Money clawback,
        Optional<Money> controlTotal,
        Money allocated,
        Money unpaidOverBudget,
        Holdback.Split pooled,
        Holdback.Split supplementary,
        Holdback.Split account,
        Payment payment) {

    public String code() {
        return figures.code();
    }

    /** The pooled stream settled this run: the allocation less any clawback. */
    public Money pooledStream() {
        return allocated.minus(clawback);
    }

    /** The supplementary stream settled this run: the period's own and its adjustment lines'. */
    public Money supplementaryStream() {
        return figures.supplementary().plus(figures.adjustments().supplementary());
    }

    /** The account stream settled this run: the period's own and its adjustment lines'. */
    public Money accountStream() {
        return figures.accountSettled().plus(figures.adjustments().account());
    }

    /** Σ of the streams' parts paid now, before netting what was owed: may be negative. */
    public Money paidNow() {
        return pooled.paidNow().plus(supplementary.paidNow()).plus(account.paidNow());
    }

    public Money heldBack() {
        return pooled.heldBack().plus(supplementary.heldBack()).plus(account.heldBack());
    }

    /** True when the average-cost figure came out negative and was not allocated. */
    public boolean negativeDue() {
        return computedDue.isNegative();
    }
}
