package io.medsettle.accounts;

import io.medsettle.adjudication.MemberCategory;
import io.medsettle.ledger.Money;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Objects;
import java.util.Optional;

/**
 * Yantai (seed 004 第十七条): a share of the contribution row's base by age band,
 * {@code round2(base × rate)}, the age taken on the 1st of the period; retirees
 * {@code age × perYearOfAge} a month (本人年龄×1.5), the age taken on the same day.
 *
 * <p>Needs no figure beyond the row and the birth date, so it is empty only for a retiree's
 * contribution row.
 *
 * @param bands        the base share by age (2.3 % / 2.7 % / 3.4 % for < 35 / < 45 / ≥ 45)
 * @param perYearOfAge the retirees' monthly amount per year of age (1.50)
 */
public record AgeBandedBase(AgeBands bands, Money perYearOfAge) implements AllocationRule {

    public AgeBandedBase {
        Objects.requireNonNull(bands, "bands");
        Objects.requireNonNull(perYearOfAge, "perYearOfAge");
    }

    @Override
    public Optional<Money> forContribution(AccountHolder holder, YearMonth period, Money base) {
        if (holder.category().retired()) {
            return Optional.empty();
        }
        return Optional.of(base.timesRounded(bands.bandOf(holder.birthDate(), period).rate()));
    }

    @Override
    public Optional<Money> forRetiree(AccountHolder holder, YearMonth period) {
        if (holder.category() != MemberCategory.RETIRED) {
            return Optional.empty();
        }
        return Optional.of(perYearOfAge.timesRounded(BigDecimal.valueOf(bands.age(holder.birthDate(), period))));
    }

    @Override
    public Optional<String> band(AccountHolder holder, YearMonth period) {
        return Optional.of(holder.category().retired() ? RETIREES : bands.bandOf(holder.birthDate(), period).label());
    }
}
