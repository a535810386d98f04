package io.medsettle.accounts;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The days an interest crediting covers and its value date (DOMAIN.md §4): from 1 January to the
 * crediting day. On 31 December the days run to 31 December inclusive, value date 31 December; on a
 * closing event (transfer out, death) dated D they run to D − 1, the day of withdrawal not counting,
 * value date D.
 */
public record Crediting(LocalDate from, LocalDate through, LocalDate valueDate) {

    public Crediting {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(through, "through");
        Objects.requireNonNull(valueDate, "valueDate");
    }

    /** The year-end crediting of the year: 1 January to 31 December inclusive, value date 31 December. */
    public static Crediting yearEnd(int year) {
        LocalDate last = LocalDate.of(year, 12, 31);
        return new Crediting(LocalDate.of(year, 1, 1), last, last);
    }

    /**
     * The crediting of a closing event dated {@code event}: 1 January of its year to the day before it,
     * value date the event's. An event on 1 January covers no day (the year-end before it credited the
     * previous year).
     */
    public static Crediting closing(LocalDate event) {
        return new Crediting(LocalDate.of(event.getYear(), 1, 1), event.minusDays(1), event);
    }
}
