package io.medsettle.accounts;

import io.medsettle.ledger.Money;

import java.math.BigDecimal;
import java.util.Objects;

/** A retiree's monthly allocation that is the same for every retiree of the city ({@link ShareOfBase}). */
public sealed interface RetireeAmount {

    Money monthly();

    /** A fixed amount from the profile (Langfang, assumed 60.00: DOMAIN.md §4). */
    record Fixed(Money monthly) implements RetireeAmount {
        public Fixed {
            Objects.requireNonNull(monthly, "monthly");
        }
    }

    /**
     * A share of the region's average monthly pension, {@code round2(rate × averageMonthlyPension)}
     * (Zhenjiang: 2.5 %, seed 003 (三); the average itself is a profile figure the documents do not give).
     */
    record ShareOfAveragePension(BigDecimal rate, Money averageMonthlyPension) implements RetireeAmount {
        public ShareOfAveragePension {
            Objects.requireNonNull(rate, "rate");
            Objects.requireNonNull(averageMonthlyPension, "averageMonthlyPension");
        }

        @Override
        public Money monthly() {
            return averageMonthlyPension.timesRounded(rate);
        }
    }
}
