package io.medsettle.adjudication;

import io.medsettle.accounts.AccountsPolicy;
import io.medsettle.settlement.LateFiles;
import io.medsettle.settlement.SettlementMethod;
import io.medsettle.settlement.YearEndPolicy;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A city's policy profile: the rules the engine composes, the settlement settings the month-end uses,
 * the rules of the members' individual accounts ({@link AccountsPolicy}) and of the year-end
 * ({@link YearEndPolicy}). Loaded from
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
        AccountsPolicy accounts,
        YearEndPolicy yearEnd) {

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
        Objects.requireNonNull(yearEnd, "yearEnd");
    }
}
