package io.medsettle.accounts;

import io.medsettle.ledger.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Interest on one account (DOMAIN.md §4 计息), day count actual/360, summed exactly and rounded once.
 *
 * <ul>
 *   <li>{@link InterestMethod#DAILY_BALANCE}: {@code round2(Σ_d B(d) × demand(d) / 360)}, B(d) the day's
 *       closing balance: every movement with a value date on or before d (earlier interest included; the
 *       interest being computed is not among the movements).</li>
 *   <li>{@link InterestMethod#SPLIT_RATE}: the balance in two parts. <em>Carried</em> is what the account held
 *       at the end of the previous year (the year before {@code from}'s year; interest credited in an earlier
 *       year is part of it), and the year's openings, transfers in and interest whenever in the year they come;
 *       <em>current</em> is the year's allocations and refunds. On a day, credits are applied before debits,
 *       and each debit takes current money first, then carried.
 *       {@code round2(Σ_d (current(d) × demand(d) + carried(d) × time_3m(d)) / 360)}.</li>
 * </ul>
 *
 * <p>The sum is computed by segments, not day by day: the parts and the rates are constant between
 * movement dates and rate changes, so Σ over those stretches of balance × days × rate is the same exact
 * numerator. Balances are held in fen as {@code long}s and the fen-days at one rate are added up as a
 * {@code long}, multiplied by the rate only when the rate changes: the year-end runs this for every account,
 * and an account of fifteen movements costs a few dozen additions and a handful of BigDecimal products.
 *
 * <p>The calculator keeps no state between calls and may be shared by threads.
 */
public final class InterestCalculator {

    private static final BigDecimal DAYS_IN_YEAR = BigDecimal.valueOf(360);

    private final InterestMethod method;
    private final InterestRates rates;

    public InterestCalculator(InterestMethod method, InterestRates rates) {
        this.method = Objects.requireNonNull(method, "method");
        this.rates = Objects.requireNonNull(rates, "rates");
    }

    /**
     * The interest of the days {@code from} .. {@code through} inclusive (actual/360, summed exactly, rounded once,
     * HALF_UP), over the account's movements (all of them, of any date; those after {@code through} are ignored).
     * Zero when through is before from.
     *
     * <p>Fails with {@link IllegalStateException} when a rate the method needs has no row effective on or before
     * {@code from} (every later day then has one), whatever the account holds. Fails with
     * {@link IllegalArgumentException} when a debit takes more than the account holds on its day (credits of the
     * day counted first): the ledger never posts such a debit, so the movements are not an account's. With
     * {@code split_rate}, {@code from} and {@code through} must lie in one year (the parts are a year's).
     *
     * @param movements in any order; the list is not changed
     */
    public Money interest(List<AccountMovement> movements, LocalDate from, LocalDate through) {
        return interest(MovementBuffer.of(movements), from, through);
    }

    /** The interest of a crediting's days ({@link Crediting#yearEnd}, {@link Crediting#closing}). */
    public Money interest(List<AccountMovement> movements, Crediting crediting) {
        return interest(movements, crediting.from(), crediting.through());
    }

    /**
     * As {@link #interest(List, LocalDate, LocalDate)}, over movements held as numbers: the year-end's
     * readers fill one buffer per account and hand it here. The buffer is put in value-date order.
     */
    public Money interest(MovementBuffer movements, Crediting crediting) {
        return interest(movements, crediting.from(), crediting.through());
    }

    private Money interest(MovementBuffer ordered, LocalDate from, LocalDate through) {
        if (through.isBefore(from)) {
            return Money.ZERO;
        }
        boolean split = method == InterestMethod.SPLIT_RATE;
        if (split && through.getYear() != from.getYear()) {
            throw new IllegalArgumentException("split_rate interest runs within one year, not from " + from + " through " + through);
        }
        long fromDay = from.toEpochDay();
        // The rates first: a missing rate is the accountants' to fix, whatever the account holds.
        RateRun demand = new RateRun(rates.schedule(InterestRates.Kind.DEMAND), from);
        RateRun time = split ? new RateRun(rates.schedule(InterestRates.Kind.TIME_3M), from) : null;

        Parts parts = new Parts(split, LocalDate.of(from.getYear(), 1, 1).toEpochDay());
        ordered.sortByDay();
        int count = ordered.size();
        int next = 0;
        while (next < count && ordered.day(next) < fromDay) {
            next = parts.applyDay(ordered, next);
        }
        long throughDay = through.toEpochDay();
        for (long day = fromDay; day <= throughDay; ) {
            // The day's movements first: a day earns on its closing balance.
            if (next < count && ordered.day(next) == day) {
                next = parts.applyDay(ordered, next);
            }
            // The stretch runs until the next movement, the next rate change or the end, whichever comes first.
            long end = throughDay + 1;
            if (next < count) {
                end = Math.min(end, ordered.day(next));
            }
            end = Math.min(end, demand.nextChange);
            if (split) {
                end = Math.min(end, time.nextChange);
                demand.add(parts.current, end - day);
                time.add(parts.carried, end - day);
                time.moveTo(end);
            } else {
                demand.add(parts.carried, end - day);
            }
            demand.moveTo(end);
            day = end;
        }
        BigDecimal numerator = split ? demand.total().add(time.total()) : demand.total();
        // Dividing to two decimals HALF_UP is round2 of the exact quotient, which a division by 360
        // seldom leaves as a finite decimal: the one rounding of the crediting.
        return Money.of(numerator.divide(DAYS_IN_YEAR, Money.SCALE, RoundingMode.HALF_UP));
    }

    /**
     * The balance in fen, in its two parts. With {@code daily_balance} everything is held as carried:
     * the parts are not told apart, only their sum earns interest.
     */
    private static final class Parts {
        private final boolean split;
        private final long yearStart;
        long current;
        long carried;

        Parts(boolean split, long yearStart) {
            this.split = split;
            this.yearStart = yearStart;
        }

        /** Applies the movements of the day at {@code first}: credits, then debits. Returns the index after them. */
        int applyDay(MovementBuffer ordered, int first) {
            long day = ordered.day(first);
            boolean inYear = split && day >= yearStart;
            long toCurrent = 0;
            long toCarried = 0;
            long debits = 0;
            int i = first;
            for (; i < ordered.size() && ordered.day(i) == day; i++) {
                long fen = ordered.fen(i);
                if (fen < 0) {
                    debits = Math.subtractExact(debits, fen);
                } else if (inYear && currentPart(ordered.kind(i))) {
                    toCurrent = Math.addExact(toCurrent, fen);
                } else {
                    toCarried = Math.addExact(toCarried, fen);
                }
            }
            long held = Math.addExact(Math.addExact(current, carried), Math.addExact(toCurrent, toCarried));
            if (debits > held) {
                throw overdrawn(ordered, first, i, Math.addExact(current, carried));
            }
            current += toCurrent;
            carried += toCarried;
            // The order of a day's debits does not matter: together they take current money first, then carried.
            long fromCurrent = Math.min(current, debits);
            current -= fromCurrent;
            carried -= debits - fromCurrent;
            return i;
        }

        /** The year's allocations and refunds are current money; everything else that comes in is carried. */
        private static boolean currentPart(AccountMovement.Kind kind) {
            return kind == AccountMovement.Kind.ALLOCATION || kind == AccountMovement.Kind.REFUND;
        }

        /** Names the debit of the day that takes more than the account holds, the day's credits counted first. */
        private static IllegalArgumentException overdrawn(MovementBuffer ordered, int first, int end, long before) {
            long held = before;
            for (int i = first; i < end; i++) {
                if (ordered.fen(i) > 0) {
                    held += ordered.fen(i);
                }
            }
            for (int i = first; i < end; i++) {
                AccountMovement m = ordered.movement(i);
                if (m.amount().isNegative()) {
                    if (held + m.amount().fen() < 0) {
                        return new IllegalArgumentException("the " + m.kind().name().toLowerCase(Locale.ROOT) + " of "
                                + m.amount() + " on " + m.valueDate() + " takes more than the account holds that day ("
                                + Money.ofFen(held) + "): the ledger never posts such a debit");
                    }
                    held += m.amount().fen();
                }
            }
            throw new AssertionError("a day's debits exceed what it holds, yet none of them does");
        }
    }

    /**
     * One kind's rate along the days: the fen-days earned at the rate in force are added up as a long and
     * turned into an exact BigDecimal product only when the rate changes (or at the end).
     */
    private static final class RateRun {
        private final InterestRates.Schedule schedule;
        private int index;
        private long fenDays;
        private BigDecimal sum = BigDecimal.ZERO;
        long nextChange;

        RateRun(InterestRates.Schedule schedule, LocalDate from) {
            this.schedule = schedule;
            this.index = schedule.indexOn(from.toEpochDay());
            if (index < 0) {
                throw schedule.missing(from);
            }
            this.nextChange = schedule.changeAfter(index);
        }

        void add(long fen, long days) {
            try {
                fenDays = Math.addExact(fenDays, Math.multiplyExact(fen, days));
            } catch (ArithmeticException beyondLong) {
                // Beyond any real account (about 10^17 fen-days); exact all the same.
                flush();
                sum = sum.add(schedule.rate(index).multiply(BigDecimal.valueOf(fen, Money.SCALE))
                        .multiply(BigDecimal.valueOf(days)));
            }
        }

        /** Moves to the rate in force on {@code day}, booking what was earned at the one before. */
        void moveTo(long day) {
            while (day >= nextChange) {
                flush();
                index++;
                nextChange = schedule.changeAfter(index);
            }
        }

        BigDecimal total() {
            flush();
            return sum;
        }

        private void flush() {
            if (fenDays != 0) {
                sum = sum.add(schedule.rate(index).multiply(BigDecimal.valueOf(fenDays, Money.SCALE)));
                fenDays = 0;
            }
        }
    }
}
