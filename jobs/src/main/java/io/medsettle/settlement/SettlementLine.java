package io.medsettle.settlement;

import io.medsettle.ledger.Money;

import java.util.Optional;

/**
 * One institution's month-end result: the columns of {@code settlement-<yyyy-MM>.csv}, plus the
 * per-stream holdback split that the ledger postings need.
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
        Holdback.Split account) {

    public String code() {
        return figures.code();
    }

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
