package io.medsettle.accounts;

import io.medsettle.adjudication.MemberCategory;
import io.medsettle.ledger.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.Objects;
import java.util.Optional;

/**
 * Lianyungang (seed 000, 个人帐户管理办法 二): in-service members and flexible workers get a share of
 * last year's wage by age band, {@code round2(wage_prev_year × rate / 12)}, the age taken on
 * 1 January of the period's year; retirees {@code round2(pension_prev_year × pensionShare / 12)}.
 *
 * <p>The contribution row's base is not read: the document sets the allocation on last year's wage.
 * Empty when the figure is missing: {@code wage_prev_year} for a contribution, {@code pension_prev_year}
 * for a retiree; and for a retiree's contribution row (retirees stop contributing, seed 000 二).
 *
 * @param bands        the wage share by age (3 % / 3.5 % / 4 % for ≤ 35 / 36–45 / over 45)
 * @param pensionShare the retirees' share of last year's pension (5 %)
 */
public record AgeBandedWage(AgeBands bands, BigDecimal pensionShare) implements AllocationRule {

    private static final BigDecimal TWELVE = BigDecimal.valueOf(12);

    public AgeBandedWage {
        Objects.requireNonNull(bands, "bands");
        Objects.requireNonNull(pensionShare, "pensionShare");
    }

    @Override
    public Optional<Money> forContribution(AccountHolder holder, YearMonth period, Money base) {
        if (holder.category().retired() || holder.wagePrevYear() == null) {
            return Optional.empty();
        }
        BigDecimal rate = bands.bandOf(holder.birthDate(), period).rate();
        return Optional.of(monthlyOf(holder.wagePrevYear().times(rate)));
    }

    @Override
    public Optional<Money> forRetiree(AccountHolder holder, YearMonth period) {
        if (holder.category() != MemberCategory.RETIRED || holder.pensionPrevYear() == null) {
            return Optional.empty();
        }
        return Optional.of(monthlyOf(holder.pensionPrevYear().times(pensionShare)));
    }

    @Override
    public Optional<String> band(AccountHolder holder, YearMonth period) {
        return Optional.of(holder.category().retired() ? RETIREES : bands.bandOf(holder.birthDate(), period).label());
    }

    /**
     * round2 of a yearly figure's twelfth. Dividing to two decimals HALF_UP is exactly round2 of the
     * exact quotient; the quotient itself (a twelfth is seldom a finite decimal) cannot be held
     * exactly first.
     */
    private static Money monthlyOf(BigDecimal yearly) {
        return Money.of(yearly.divide(TWELVE, Money.SCALE, RoundingMode.HALF_UP));
    }
}
