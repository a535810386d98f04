package io.medsettle.accounts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Allocation rates by the member's age in completed years on a day of the period (Java's
 * {@link Period} between the birth date and that day: a birthday on that very day counts).
 *
 * <p>The cities write their limits two ways, and the labels follow what each document says:
 * inclusive upper limits (Lianyungang: 35 周岁以下（含35周岁）, labels "≤35", "36–45", ">45") or
 * exclusive ones (Yantai: 35 周岁以下（不含35周岁）, labels "<35", "35–44", "≥45").
 *
 * @param bands  rising, the last one open-ended
 * @param ageOn  the day of the period on which the age is taken
 */
public record AgeBands(List<Band> bands, AgeDay ageOn) {

    /**
     * One band: ages up to {@code upTo} inclusive ({@link Integer#MAX_VALUE} for the last, open band).
     */
    public record Band(int upTo, BigDecimal rate, String label) {
        public Band {
            Objects.requireNonNull(rate, "rate");
            Objects.requireNonNull(label, "label");
        }
    }

    /** How the document writes its limits. */
    public enum Limits { INCLUSIVE, EXCLUSIVE }

    /** The day of period P on which the age is taken. */
    public enum AgeDay {
        /** 1 January of P's year (Lianyungang: 每年初依据参保人员当时年龄情况统一确定). */
        YEAR_START,
        /** The 1st of P (Yantai). */
        PERIOD_START;

        public LocalDate of(YearMonth period) {
            return this == YEAR_START ? LocalDate.of(period.getYear(), 1, 1) : period.atDay(1);
        }
    }

    public AgeBands {
        bands = List.copyOf(bands);
        Objects.requireNonNull(ageOn, "ageOn");
        if (bands.isEmpty() || bands.get(bands.size() - 1).upTo() != Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the last age band must be open-ended");
        }
        for (int i = 1; i < bands.size(); i++) {
            if (bands.get(i).upTo() <= bands.get(i - 1).upTo()) {
                throw new IllegalArgumentException("age bands must rise");
            }
        }
    }

    /**
     * Bands from the limits as the document writes them, with their labels.
     *
     * @param limits one fewer than the rates, rising
     * @param rates  the rate of each band, from the youngest
     */
    public static AgeBands of(List<Integer> limits, Limits kind, List<BigDecimal> rates, AgeDay ageOn) {
        if (rates.size() != limits.size() + 1) {
            throw new IllegalArgumentException("an age band needs a rate, and every band but the last a limit");
        }
        boolean inclusive = kind == Limits.INCLUSIVE;
        List<Band> bands = new ArrayList<>();
        for (int i = 0; i < rates.size(); i++) {
            String label;
            int upTo;
            if (limits.isEmpty()) {
                label = "全部";
                upTo = Integer.MAX_VALUE;
            } else if (i == limits.size()) {
                int last = limits.get(i - 1);
                label = inclusive ? ">" + last : "≥" + last;
                upTo = Integer.MAX_VALUE;
            } else {
                int limit = limits.get(i);
                upTo = inclusive ? limit : limit - 1;
                if (i == 0) {
                    label = (inclusive ? "≤" : "<") + limit;
                } else {
                    int lower = inclusive ? limits.get(i - 1) + 1 : limits.get(i - 1);
                    label = lower + "–" + upTo;
                }
            }
            bands.add(new Band(upTo, rates.get(i), label));
        }
        return new AgeBands(bands, ageOn);
    }

    /**
     * Orders band labels as the bands rise, youngest first ("≤35" before "36–45" before ">45"); labels
     * that are not ages (退休, 全部) come last, by name. Reports list their lines in this order.
     */
    public static final Comparator<String> LABEL_ORDER =
            Comparator.comparingInt(AgeBands::youngestAge).thenComparing(Comparator.naturalOrder());

    private static int youngestAge(String label) {
        if (label.startsWith("≤") || label.startsWith("<")) {
            return Integer.MIN_VALUE;
        }
        try {
            if (label.startsWith(">")) {
                return Integer.parseInt(label.substring(1)) + 1;
            }
            if (label.startsWith("≥")) {
                return Integer.parseInt(label.substring(1));
            }
            int dash = label.indexOf('–');
            return dash > 0 ? Integer.parseInt(label.substring(0, dash)) : Integer.MAX_VALUE;
        } catch (NumberFormatException notAnAge) {
            return Integer.MAX_VALUE;
        }
    }

    /** The member's age in completed years on the age day of the period. */
    public int age(LocalDate birthDate, YearMonth period) {
        return Period.between(birthDate, ageOn.of(period)).getYears();
    }

    /** The band of a member in the period. */
    public Band bandOf(LocalDate birthDate, YearMonth period) {
        int age = age(birthDate, period);
        for (Band band : bands) {
            if (age <= band.upTo()) {
                return band;
            }
        }
        throw new AssertionError("the last band is open-ended");
    }
}
