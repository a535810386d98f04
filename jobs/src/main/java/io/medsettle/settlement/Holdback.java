package io.medsettle.settlement;

import io.medsettle.ledger.Money;

import java.math.BigDecimal;

/**
 * The quality deposit (预留10%, seed 000 结算办法): of every amount settled with an institution,
 * {@code round2((1 − rate) × amount)} is paid now and the rest is held until the year-end
 * assessment. The split is made per fund stream, so that each fund's postings carry its own held part.
 */
public final class Holdback {

    private final BigDecimal rate;
    private final BigDecimal payNowRate;

    /** @param rate the share held back, 0.10 in every profile so far */
    public Holdback(BigDecimal rate) {
        if (rate.signum() < 0 || rate.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("a holdback rate is between 0 and 1: " + rate);
        }
        this.rate = rate;
        this.payNowRate = BigDecimal.ONE.subtract(rate);
    }

    public BigDecimal rate() {
        return rate;
    }

    /**
     * One stream's split. A negative stream (a clawback) splits the same way, so that taking back a
     * settlement also takes back the part of the deposit that was held for it.
     */
    public Split split(Money stream) {
        Money now = stream.timesRounded(payNowRate);
        return new Split(now, stream.minus(now));
    }

    public record Split(Money paidNow, Money heldBack) {

        /** The stream the split was made of. */
        public Money total() {
            return paidNow.plus(heldBack);
        }

        public Split plus(Split other) {
            return new Split(paidNow.plus(other.paidNow), heldBack.plus(other.heldBack));
        }
    }
}
