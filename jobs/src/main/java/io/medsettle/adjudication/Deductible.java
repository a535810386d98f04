package io.medsettle.adjudication;

import io.medsettle.ledger.Money;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * 起付线: the base amount by level (or named tier) and the profile's adjustments, never below 0.
 *
 * <ul>
 *   <li>retirees: an amount less (Langfang −100) or a share (Zhenjiang 50 %);</li>
 *   <li>a TCM hospital uses the next lower level's amount (Langfang; level 1 stays level 1);</li>
 *   <li>repeat admissions: an amount less per earlier admission (Langfang 100 × (n − 1)) or a share
 *       by admission number (Zhenjiang 100 %, 50 %, then 0);</li>
 *   <li>a chemotherapy or radiotherapy admission pays it only once a year (Yantai).</li>
 * </ul>
 */
public record Deductible(Map<Integer, Money> byLevel, Map<String, Money> byTier, Optional<Money> retireeLess,
                         Optional<BigDecimal> retireeShare, boolean tcmUsesLowerLevel, Optional<Money> lessPerRepeat,
                         List<BigDecimal> shareByAdmission, boolean chemoOncePerYear) {

    /**
     * @param admission the admission's number in the year (1 for the first)
     * @param chemoPaid whether a chemotherapy admission already paid its deductible this year
     */
    public Money amount(Member member, Institution institution, int admission, boolean chemo, boolean chemoPaid) {
        if (chemoOncePerYear && chemo && chemoPaid) {
            return Money.ZERO;
        }
        int level = tcmUsesLowerLevel && institution.tcm() ? Math.max(1, institution.level() - 1) : institution.level();
        Money base = institution.tier().map(byTier::get).orElseGet(() -> byLevel.get(level));
        BigDecimal amount = base.amount();
        if (member.category().retired()) {
            if (retireeLess.isPresent()) {
                amount = amount.subtract(retireeLess.get().amount());
            }
            if (retireeShare.isPresent()) {
                amount = amount.multiply(retireeShare.get());
            }
        }
        if (lessPerRepeat.isPresent()) {
            amount = amount.subtract(lessPerRepeat.get().amount().multiply(BigDecimal.valueOf(admission - 1L)));
        }
        if (!shareByAdmission.isEmpty()) {
            amount = amount.multiply(shareByAdmission.get(Math.min(admission, shareByAdmission.size()) - 1));
        }
        return Money.rounded(amount).max(Money.ZERO);
    }
}
