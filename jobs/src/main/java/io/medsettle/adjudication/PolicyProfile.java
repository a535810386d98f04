package io.medsettle.adjudication;

import io.medsettle.accounts.AccountsPolicy;
import io.medsettle.settlement.LateFiles;
import io.medsettle.settlement.SettlementMethod;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A city's policy profile: the rules the engine composes, the settlement settings the month-end uses,
 * and the rules of the members' individual accounts ({@link AccountsPolicy}). Loaded from
 * {@code config/policies/<id>.yaml} by {@link PolicyProfiles}.
 */
public record PolicyProfile(
        String id,
        String city,
        WaitingPeriod waitingPeriod,
        PreSelfPay preSelfPay,
        Deductible deductible,
        FundShare fundShare,
        AnnualCap annualCap,
        Supplementary supplementary,
        SettlementMethod settlementMethod,
        BigDecimal holdbackRate,
        LateFiles lateFiles,
        AccountsPolicy accounts) {

    public PolicyProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(waitingPeriod, "waitingPeriod");
        Objects.requireNonNull(preSelfPay, "preSelfPay");
        Objects.requireNonNull(deductible, "deductible");
        Objects.requireNonNull(fundShare, "fundShare");
        Objects.requireNonNull(annualCap, "annualCap");
        Objects.requireNonNull(supplementary, "supplementary");
        Objects.requireNonNull(settlementMethod, "settlementMethod");
        Objects.requireNonNull(holdbackRate, "holdbackRate");
        Objects.requireNonNull(lateFiles, "lateFiles");
        Objects.requireNonNull(accounts, "accounts");
    }
}
