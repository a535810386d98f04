package io.medsettle.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.ledger.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The interest computed by segments equals the interest computed the plain way, one day at a time,
 * straight from DOMAIN.md §4, over random accounts and random rate tables.
 */
class InterestPropertiesTest {

    /** A movement before it is made an account's: days after 1 January of the case's year, kind, fen. */
    record RawMovement(int offset, AccountMovement.Kind kind, long fen) {
    }

    /** A rate row: days after 1 January of the case's year, the rate in millionths. */
    record RawRate(int offset, int millionths) {
    }

    record Case(int year, List<RawMovement> movements, List<RawRate> demand, List<RawRate> time, int fromOffset, int length) {

        LocalDate yearStart() {
            return LocalDate.of(year, 1, 1);
        }

        LocalDate from() {
            return yearStart().plusDays(fromOffset);
        }

        /** From {@code from} for {@code length} days (none when 0), at most to {@code last}. */
        LocalDate through(LocalDate last) {
            LocalDate through = from().plusDays(length - 1L);
            return through.isAfter(last) ? last : through;
        }

        /**
         * The movements of an account the ledger could have posted: in date order, each day's credits first,
         * each debit cut down to what the account holds at that moment, so no day's balance is negative.
         */
        List<AccountMovement> account() {
            List<RawMovement> sorted = new ArrayList<>(movements);
            sorted.sort(Comparator.comparingInt(RawMovement::offset).thenComparing(m -> !m.kind().credit()));
            List<AccountMovement> account = new ArrayList<>();
            long held = 0;
            for (RawMovement m : sorted) {
                long fen = m.kind().credit() ? m.fen() : -Math.min(m.fen(), held);
                held += fen;
                account.add(new AccountMovement(m.kind(), yearStart().plusDays(m.offset()), Money.ofFen(fen)));
            }
            // Hand them over in another order than the dates': the calculator must not rely on it.
            java.util.Collections.reverse(account);
            return account;
        }

        List<InterestRates.Rate> rates() {
            List<InterestRates.Rate> rates = new ArrayList<>();
            // A first row of each kind two years back, so that every day of the case has a rate.
            rates.add(new InterestRates.Rate(LocalDate.of(year - 2, 1, 1), InterestRates.Kind.DEMAND, new BigDecimal("0.0035")));
            rates.add(new InterestRates.Rate(LocalDate.of(year - 2, 1, 1), InterestRates.Kind.TIME_3M, new BigDecimal("0.0135")));
            add(rates, demand, InterestRates.Kind.DEMAND);
            add(rates, time, InterestRates.Kind.TIME_3M);
            return rates;
        }

        private void add(List<InterestRates.Rate> rates, List<RawRate> raw, InterestRates.Kind kind) {
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (RawRate r : raw) {
                if (seen.add(r.offset())) {
                    rates.add(new InterestRates.Rate(yearStart().plusDays(r.offset()), kind, BigDecimal.valueOf(r.millionths(), 6)));
                }
            }
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<RawMovement> movement = Combinators.combine(
                Arbitraries.integers().between(-500, 420),
                Arbitraries.of(AccountMovement.Kind.class),
                Arbitraries.longs().between(1, 2_000_000)).as(RawMovement::new);
        Arbitrary<RawRate> rate = Combinators.combine(Arbitraries.integers().between(-300, 400),
                Arbitraries.integers().between(0, 40_000)).as(RawRate::new);
        return Combinators.combine(
                Arbitraries.of(2026, 2027, 2028),
                movement.list().ofMaxSize(40),
                rate.list().ofMaxSize(4),
                rate.list().ofMaxSize(4),
                Arbitraries.integers().between(0, 365),
                Arbitraries.integers().between(0, 800)).as(Case::new);
    }

    @Property(tries = 1000)
    void dailyBalanceBySegmentsEqualsDayByDay(@ForAll("cases") Case c) {
        // daily_balance may run over more than a year: the reference does not care.
        LocalDate through = c.through(LocalDate.of(c.year() + 1, 12, 31));
        Money segments = new InterestCalculator(InterestMethod.DAILY_BALANCE, InterestRates.of(c.rates()))
                .interest(c.account(), c.from(), through);
        assertThat(segments).isEqualTo(dayByDay(InterestMethod.DAILY_BALANCE, c.rates(), c.account(), c.from(), through));
    }

    @Property(tries = 1000)
    void splitRateBySegmentsEqualsDayByDay(@ForAll("cases") Case c) {
        LocalDate through = c.through(LocalDate.of(c.year(), 12, 31));
        Money segments = new InterestCalculator(InterestMethod.SPLIT_RATE, InterestRates.of(c.rates()))
                .interest(c.account(), c.from(), through);
        assertThat(segments).isEqualTo(dayByDay(InterestMethod.SPLIT_RATE, c.rates(), c.account(), c.from(), through));
    }

    /**
     * The reference: DOMAIN.md §4 read literally, one day at a time. The account is replayed day by day from
     * its first movement (each day's credits first, each debit taking current money first, then carried;
     * everything before {@code from}'s year carried), and from {@code from} to {@code through} the day's
     * balance times the day's rate (found by scanning the table) is added to the exact sum; the sum is
     * divided by 360 and rounded once.
     */
    static Money dayByDay(InterestMethod method, List<InterestRates.Rate> rates, List<AccountMovement> movements,
                          LocalDate from, LocalDate through) {
        if (through.isBefore(from)) {
            return Money.ZERO;
        }
        LocalDate yearStart = LocalDate.of(from.getYear(), 1, 1);
        LocalDate first = movements.stream().map(AccountMovement::valueDate).min(Comparator.naturalOrder()).orElse(from);
        BigDecimal current = BigDecimal.ZERO;
        BigDecimal carried = BigDecimal.ZERO;
        BigDecimal sum = BigDecimal.ZERO;
        for (LocalDate day = first.isBefore(from) ? first : from; !day.isAfter(through); day = day.plusDays(1)) {
            BigDecimal debits = BigDecimal.ZERO;
            for (AccountMovement m : movements) {
                if (!m.valueDate().equals(day)) {
                    continue;
                }
                BigDecimal amount = m.amount().amount();
                boolean yearsOwn = !day.isBefore(yearStart)
                        && (m.kind() == AccountMovement.Kind.ALLOCATION || m.kind() == AccountMovement.Kind.REFUND);
                if (amount.signum() < 0) {
                    debits = debits.subtract(amount);
                } else if (yearsOwn) {
                    current = current.add(amount);
                } else {
                    carried = carried.add(amount);
                }
            }
            BigDecimal fromCurrent = debits.min(current);
            current = current.subtract(fromCurrent);
            carried = carried.subtract(debits.subtract(fromCurrent));
            if (day.isBefore(from)) {
                continue;
            }
            if (method == InterestMethod.DAILY_BALANCE) {
                sum = sum.add(current.add(carried).multiply(rateOn(rates, InterestRates.Kind.DEMAND, day)));
            } else {
                sum = sum.add(current.multiply(rateOn(rates, InterestRates.Kind.DEMAND, day)))
                        .add(carried.multiply(rateOn(rates, InterestRates.Kind.TIME_3M, day)));
            }
        }
        return Money.of(sum.divide(BigDecimal.valueOf(360), 2, RoundingMode.HALF_UP));
    }

    private static BigDecimal rateOn(List<InterestRates.Rate> rates, InterestRates.Kind kind, LocalDate day) {
        InterestRates.Rate best = null;
        for (InterestRates.Rate r : rates) {
            if (r.kind() == kind && !r.effectiveDate().isAfter(day) && (best == null || r.effectiveDate().isAfter(best.effectiveDate()))) {
                best = r;
            }
        }
        return best.annualRate();
    }
}
