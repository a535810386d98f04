package io.medsettle.adjudication;

import io.medsettle.ledger.Money;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * 先行自付: the share of certain fee classes the member pays before the pooled fund applies
 * (Langfang: class-B items 5 %, negotiated anti-tumour drugs 20 %; Lianyungang: implants 10/20/30 %,
 * large equipment 10 %, transplant 10 %), each class rounded on its own; for a referral out of the
 * city, another share of what is left in the catalogues, rounded on its own.
 *
 * @param rates        fee-class column to rate
 * @param referralOut  the extra share for {@code offsite_type = referral_out}, if the profile has one
 */
public record PreSelfPay(Map<String, BigDecimal> rates, Optional<BigDecimal> referralOut) {

    public static final PreSelfPay NONE = new PreSelfPay(Map.of(), Optional.empty());

    public Money of(Settlement settlement) {
        Money classes = Money.ZERO;
        for (Map.Entry<String, BigDecimal> rate : rates.entrySet()) {
            classes = classes.plus(settlement.feeClass(rate.getKey()).timesRounded(rate.getValue()));
        }
        if (referralOut.isPresent() && "referral_out".equals(settlement.offsite())) {
            Money rest = settlement.total().minus(settlement.fullyOwnPay()).minus(settlement.overLimit()).minus(classes);
            classes = classes.plus(rest.max(Money.ZERO).timesRounded(referralOut.get()));
        }
        return classes;
    }
}
