package io.medsettle.settlement;

import io.medsettle.ledger.Money;

/**
 * What the bank pays an institution after a run, netting what the institution owed before.
 *
 * <p>A month's streams can come out negative: a clawback (a late cancellation, a revision that
 * lowers the fund's share) larger than what the month brings. Nothing is dropped: the negative part
 * stays on the institution's payable account as an amount it owes and is netted from its next
 * payments, whatever the stream it came from.
 *
 * @param owedBroughtForward what the institution owed before the run (0 or more)
 * @param paid               what the bank pays now (0 or more)
 * @param owedCarriedForward what the institution still owes after the run (0 or more)
 */
public record Payment(Money owedBroughtForward, Money paid, Money owedCarriedForward) {

    public static final Payment NONE = new Payment(Money.ZERO, Money.ZERO, Money.ZERO);

    public Payment {
        if (owedBroughtForward.isNegative() || paid.isNegative() || owedCarriedForward.isNegative()) {
            throw new IllegalArgumentException("payment figures are never negative: " + owedBroughtForward + ", "
                    + paid + ", " + owedCarriedForward);
        }
    }

    /** The run's net amount (Σ paid now of the streams, possibly negative) after what was owed. */
    public static Payment of(Money owedBroughtForward, Money paidNow) {
        Money net = paidNow.minus(owedBroughtForward);
        return new Payment(owedBroughtForward, net.max(Money.ZERO), net.negate().max(Money.ZERO));
    }
}
