package io.medsettle.settlement;

import io.medsettle.ledger.Money;

import java.util.Objects;

/**
 * One institution's figures for a period, summed over its eligible settlements of the period (DOMAIN.md
 * §2), and what the institution still owed after earlier runs.
 *
 * @param discharges     distinct visits ({@code mdtrt_id})
 * @param approvedAverage the institution's approved average (核定均值) for the year; zero when it has none
 * @param memberSelfPay  Σ (preselfpay + in-scope − fund − over-cap): what members paid under the policy
 * @param actualFundPay  Σ recomputed {@code hifp_pay}: the same discharges at actual
 * @param supplementary  Σ {@code hifob_pay}: the supplementary layer, settled at actual
 * @param accountSettled Σ {@code acct_pay} of the eligible discharges and the account payments of the period
 * @param owedBroughtForward what the institution owed after earlier runs (clawbacks not yet netted)
 */
public record InstitutionMonth(
        String code,
        String name,
        long discharges,
        Money approvedAverage,
        Money memberSelfPay,
        Money actualFundPay,
        Money supplementary,
        Money accountSettled,
        Money owedBroughtForward) {

    /** A month of an institution that owed nothing before. */
    public InstitutionMonth(String code, String name, long discharges, Money approvedAverage, Money memberSelfPay,
                            Money actualFundPay, Money supplementary, Money accountSettled) {
        this(code, name, discharges, approvedAverage, memberSelfPay, actualFundPay, supplementary, accountSettled,
                Money.ZERO);
    }

    public InstitutionMonth {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(approvedAverage, "approvedAverage");
        Objects.requireNonNull(memberSelfPay, "memberSelfPay");
        Objects.requireNonNull(actualFundPay, "actualFundPay");
        Objects.requireNonNull(supplementary, "supplementary");
        Objects.requireNonNull(accountSettled, "accountSettled");
        if (owedBroughtForward.isNegative()) {
            throw new IllegalArgumentException("what an institution owes is never negative: " + owedBroughtForward);
        }
        if (discharges < 0) {
            throw new IllegalArgumentException("discharges cannot be negative: " + discharges);
        }
    }
}
