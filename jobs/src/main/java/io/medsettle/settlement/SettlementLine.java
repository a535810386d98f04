package io.medsettle.settlement;

import io.medsettle.ledger.Money;

import java.util.Optional;

/**
 * One institution's month-end result: the columns of {@code settlement-<yyyy-MM>.csv}, plus the
 * per-stream holdback split that the ledger postings need. The period's own figures are DOMAIN.md §2
 * exactly; the adjustment lines of earlier, closed periods are settled beside them
 * ({@link AdjustmentTotals}), and the payment nets what the institution owed before.
 *
 * @param computedDue    the period's own figure before the floor at zero (DOMAIN.md §2)
 * @param due            what took part in the allocation: {@code max(0, computedDue)}
 * @param pooled         the allocation's split
 * @param supplementary  the supplementary stream's split
 * @param account        the account stream's split
 * @param adjustments    the adjustment lines' streams, each split the same way
 * @param payment        what the bank pays, after what the institution owed before
 */
public record SettlementLine(
        InstitutionMonth figures,
        Money averageAmount,
        Money computedDue,
        Money due,
        Optional<Money> controlTotal,
        Money allocated,
        Money unpaidOverBudget,
        Holdback.Split pooled,
        Holdback.Split supplementary,
        Holdback.Split account,
        AdjustmentTotals adjustments,
        Payment payment) {

    public String code() {
        return figures.code();
    }

    /** Σ of the period's streams paid now (DOMAIN.md §2's {@code paid_now}). */
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
