package io.medsettle.settlement;

import io.medsettle.ledger.Money;

/**
 * An adjustment line as the run settles it: its pooled amount under the settlement method, and each
 * fund stream held back like any other ({@link Holdback}). Settled outside the month's budget
 * control: the line belongs to its own month, whose control total was applied when it closed.
 */
public record SettledAdjustment(AdjustmentLine line, Money pooledAmount, Holdback.Split pooled,
                                Holdback.Split supplementary, Holdback.Split account) {

    public Money paidNow() {
        return pooled.paidNow().plus(supplementary.paidNow()).plus(account.paidNow());
    }

    public Money heldBack() {
        return pooled.heldBack().plus(supplementary.heldBack()).plus(account.heldBack());
    }
}
