package io.medsettle.accounts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Effective-dated annual rates by kind (interest-rates.csv: effective_date, kind demand|time_3m, annual_rate).
 * A kind's rate on a day is the row with the latest effective date on or before it (DOMAIN.md §4).
 */
public final class InterestRates {

    /** One row of interest-rates.csv; the annual rate is an exact decimal (0.0035 = 0.35 %). */
    public record Rate(LocalDate effectiveDate, Kind kind, BigDecimal annualRate) {
        public Rate {
            Objects.requireNonNull(effectiveDate, "effectiveDate");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(annualRate, "annualRate");
            if (annualRate.signum() < 0) {
                throw new IllegalArgumentException("the " + kind.code() + " rate effective " + effectiveDate
                        + " is negative: " + annualRate.toPlainString());
            }
        }
    }

    public enum Kind {
        /** 活期: the demand deposit rate. */
        DEMAND,
        /** 三个月定期: the three-month time deposit rate. */
        TIME_3M;

        /** The kind as interest-rates.csv writes it: demand, time_3m. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind of(String code) {
            for (Kind kind : values()) {
                if (kind.code().equals(code)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("an interest rate's kind is demand or time_3m, not " + code);
        }
    }

    private final Map<Kind, Schedule> schedules;

    private InterestRates(Map<Kind, Schedule> schedules) {
        this.schedules = schedules;
    }

    /** The rates of a table; two rows of one kind effective the same day are refused. */
    public static InterestRates of(List<Rate> rates) {
        Map<Kind, Schedule> schedules = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            List<Rate> ofKind = new ArrayList<>();
            for (Rate rate : rates) {
                if (Objects.requireNonNull(rate, "rate").kind() == kind) {
                    ofKind.add(rate);
                }
            }
            ofKind.sort(Comparator.comparing(Rate::effectiveDate));
            for (int i = 1; i < ofKind.size(); i++) {
                if (ofKind.get(i).effectiveDate().equals(ofKind.get(i - 1).effectiveDate())) {
                    throw new IllegalArgumentException("two " + kind.code() + " rates effective " + ofKind.get(i).effectiveDate());
                }
            }
            schedules.put(kind, new Schedule(kind, ofKind));
        }
        return new InterestRates(schedules);
    }

    /**
     * The rate of the kind on the day: the row with the latest effective date on or before it; fails with a clear
     * message (IllegalStateException naming the kind and day) when there is none.
     */
    public BigDecimal on(Kind kind, LocalDate day) {
        Schedule schedule = schedule(kind);
        int index = schedule.indexOn(day.toEpochDay());
        if (index < 0) {
            throw schedule.missing(day);
        }
        return schedule.rates[index];
    }

    Schedule schedule(Kind kind) {
        return schedules.get(Objects.requireNonNull(kind, "kind"));
    }

    /**
     * One kind's rates as arrays of epoch days and rates, so that the interest walk moves through
     * them without making an object per day.
     */
    static final class Schedule {
        private final Kind kind;
        private final long[] days;
        private final BigDecimal[] rates;

        private Schedule(Kind kind, List<Rate> sorted) {
            this.kind = kind;
            this.days = new long[sorted.size()];
            this.rates = new BigDecimal[sorted.size()];
            for (int i = 0; i < days.length; i++) {
                days[i] = sorted.get(i).effectiveDate().toEpochDay();
                rates[i] = sorted.get(i).annualRate();
            }
        }

        /** The index of the rate in force on the day, or −1 when no rate is effective yet. */
        int indexOn(long epochDay) {
            int low = 0;
            int high = days.length - 1;
            int found = -1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                if (days[mid] <= epochDay) {
                    found = mid;
                    low = mid + 1;
                } else {
                    high = mid - 1;
                }
            }
            return found;
        }

        /** The first day of the next rate after the one at {@code index}; {@link Long#MAX_VALUE} when it is the last. */
        long changeAfter(int index) {
            return index + 1 < days.length ? days[index + 1] : Long.MAX_VALUE;
        }

        BigDecimal rate(int index) {
            return rates[index];
        }

        IllegalStateException missing(LocalDate day) {
            return new IllegalStateException("no " + kind.code() + " interest rate on " + day + ": "
                    + (days.length == 0 ? "interest-rates.csv has no " + kind.code() + " rate"
                            : "the earliest " + kind.code() + " rate is effective " + LocalDate.ofEpochDay(days[0])));
        }
    }
}
