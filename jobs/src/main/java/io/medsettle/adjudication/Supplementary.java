package io.medsettle.adjudication;

import io.medsettle.ledger.Money;

import java.math.BigDecimal;

/**
 * The supplementary layer above the pooled fund (大额 / 救助 / 大病), reported as {@code hifob_pay}.
 * Each variant works on rounded amounts, as DOMAIN.md step 7 says.
 */
public sealed interface Supplementary {

    /** What the layer pays for this settlement. */
    Money pay(Member member, MemberYear year, Money inScope, Money withinCap, Money overCap, Money fundPay);

    /** No supplementary layer (Langfang's large-amount insurance is set by a rule outside the documents). */
    record None() implements Supplementary {
        @Override
        public Money pay(Member member, MemberYear year, Money inScope, Money withinCap, Money overCap, Money fundPay) {
            return Money.ZERO;
        }
    }

    /**
     * Lianyungang's medical assistance fund: over-cap cost while the member's cumulative in-scope
     * cost stays at or below {@code upTo} is paid at {@code rate} (90 %); above it, nothing.
     */
    record AssistanceBand(Money upTo, BigDecimal rate) implements Supplementary {
        @Override
        public Money pay(Member member, MemberYear year, Money inScope, Money withinCap, Money overCap, Money fundPay) {
            Money overCapStart = year.eligibleCost().plus(withinCap);
            Money overCapEnd = year.eligibleCost().plus(inScope);
            Money inBand = overCapEnd.min(upTo).minus(overCapStart).max(Money.ZERO);
            return inBand.timesRounded(rate);
        }
    }

    /** Yantai's large-amount assistance: {@code round2(rate × overcap)}, at most {@code annualMax} a year. */
    record LargeAmount(BigDecimal rate, Money annualMax) implements Supplementary {
        @Override
        public Money pay(Member member, MemberYear year, Money inScope, Money withinCap, Money overCap, Money fundPay) {
            Money room = annualMax.minus(year.supplementaryPaid()).max(Money.ZERO);
            return overCap.timesRounded(rate).min(room);
        }
    }

    /**
     * Zhenjiang's critical illness insurance on the member's cumulative in-scope personal burden
     * ({@code inscp − hifp}, over-cap cost included): above {@code threshold} up to {@code step} at
     * {@code lowerRate}, above {@code step} at {@code upperRate}; retirees one point more per extra
     * contribution year, at most {@code maxRetireeBonus}.
     */
    record CriticalIllness(Money threshold, Money step, BigDecimal lowerRate, BigDecimal upperRate,
                           BigDecimal retireeBonusPerYear, BigDecimal maxRetireeBonus) implements Supplementary {
        @Override
        public Money pay(Member member, MemberYear year, Money inScope, Money withinCap, Money overCap, Money fundPay) {
            BigDecimal bonus = BigDecimal.ZERO;
            if (member.category().retired()) {
                bonus = retireeBonusPerYear.multiply(BigDecimal.valueOf(member.extraContributionYears())).min(maxRetireeBonus);
            }
            BigDecimal from = year.personalBurden().amount();
            BigDecimal to = from.add(inScope.minus(fundPay).amount());
            BigDecimal lower = overlap(from, to, threshold.amount(), step.amount());
            BigDecimal upper = overlap(from, to, step.amount(), null);
            return Money.rounded(lower.multiply(lowerRate.add(bonus)).add(upper.multiply(upperRate.add(bonus))));
        }

        private static BigDecimal overlap(BigDecimal from, BigDecimal to, BigDecimal low, BigDecimal high) {
            BigDecimal start = from.max(low);
            BigDecimal end = high == null ? to : to.min(high);
            return end.subtract(start).max(BigDecimal.ZERO);
        }
    }
}
