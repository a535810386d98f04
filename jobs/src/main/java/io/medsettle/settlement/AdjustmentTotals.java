package io.medsettle.settlement;

import io.medsettle.ledger.Money;

import java.util.List;

/** An institution's adjustment lines of a run, summed per fund stream. */
public record AdjustmentTotals(int lines, Holdback.Split pooled, Holdback.Split supplementary, Holdback.Split account) {

    private static final Holdback.Split NOTHING = new Holdback.Split(Money.ZERO, Money.ZERO);
    public static final AdjustmentTotals NONE = new AdjustmentTotals(0, NOTHING, NOTHING, NOTHING);

    public static AdjustmentTotals of(List<SettledAdjustment> adjustments) {
        AdjustmentTotals totals = NONE;
        for (SettledAdjustment a : adjustments) {
            totals = new AdjustmentTotals(totals.lines + 1, totals.pooled.plus(a.pooled()),
                    totals.supplementary.plus(a.supplementary()), totals.account.plus(a.account()));
        }
        return totals;
    }

    public Money paidNow() {
        return pooled.paidNow().plus(supplementary.paidNow()).plus(account.paidNow());
    }

    public Money heldBack() {
        return pooled.heldBack().plus(supplementary.heldBack()).plus(account.heldBack());
    }
}
