package io.medsettle.settlement;

import io.medsettle.ledger.Money;

import java.util.Objects;

/**
 * The signed effect of an institution's adjustment lines in a run: settlements of earlier, closed
 * periods whose standing changed after their month was settled (a late file's rows, a revision after
 * re-adjudication, a cancellation). Each field is what the lines add to (or, negative, take back
 * from) the figure of the same name.
 *
 * @param discharges    late discharges counted less discharges cancelled
 * @param averageAmount Σ over the lines' benefit years of discharges × that year's approved average
 * @param memberSelfPay Σ (preselfpay + in-scope − fund − over-cap), now less as settled before
 * @param fundPay       Σ recomputed {@code hifp_pay}, now less as settled before
 * @param supplementary Σ {@code hifob_pay}, now less as settled before
 * @param account       Σ {@code acct_pay} of eligible rows, now less as settled before
 */
public record Adjustments(long discharges, Money averageAmount, Money memberSelfPay, Money fundPay,
                          Money supplementary, Money account) {

    public static final Adjustments NONE = new Adjustments(0, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO);

    public Adjustments {
        Objects.requireNonNull(averageAmount, "averageAmount");
        Objects.requireNonNull(memberSelfPay, "memberSelfPay");
        Objects.requireNonNull(fundPay, "fundPay");
        Objects.requireNonNull(supplementary, "supplementary");
        Objects.requireNonNull(account, "account");
    }

    public boolean isNone() {
        return equals(NONE);
    }
}
