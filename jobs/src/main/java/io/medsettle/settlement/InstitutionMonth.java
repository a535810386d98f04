package io.medsettle.settlement;

import io.medsettle.ledger.Money;

import java.util.Objects;

/**
 * One institution's figures for a period, summed over its eligible settlements (DOMAIN.md §2).
 *
 * @param discharges     distinct visits ({@code mdtrt_id})
 * @param approvedAverage the institution's approved average (核定均值) for the year; zero when it has none
 * @param memberSelfPay  Σ (preselfpay + in-scope − fund − over-cap): what members paid under the policy
 * @param actualFundPay  Σ recomputed {@code hifp_pay}: the same discharges at actual
 * @param supplementary  Σ {@code hifob_pay}: the supplementary layer, settled at actual
 * @param accountSettled Σ {@code acct_pay} of the discharges and the account payments of the period
 */
public record InstitutionMonth(
        String code,
        String name,
        long discharges,
        Money approvedAverage,
        Money memberSelfPay,
        Money actualFundPay,
        Money supplementary,
        Money accountSettled) {

    public InstitutionMonth {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(approvedAverage, "approvedAverage");
        Objects.requireNonNull(memberSelfPay, "memberSelfPay");
        Objects.requireNonNull(actualFundPay, "actualFundPay");
        Objects.requireNonNull(supplementary, "supplementary");
        Objects.requireNonNull(accountSettled, "accountSettled");
        if (discharges < 0) {
            throw new IllegalArgumentException("discharges cannot be negative: " + discharges);
        }
    }
}
