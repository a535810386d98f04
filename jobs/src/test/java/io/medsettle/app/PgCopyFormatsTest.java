package io.medsettle.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The COPY writer's hand-written amounts, dates and times are exactly the text the general methods
 * they replace for speed write ({@link BigDecimal#toPlainString()}, {@link LocalDate#toString()} and
 * a {@code yyyy-MM-dd HH:mm:ss} formatter): the server reads the same values either way.
 */
class PgCopyFormatsTest {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Property(tries = 5_000)
    void amountsAreWrittenAsPlainStrings(@ForAll("amounts") BigDecimal amount) {
        StringBuilder out = new StringBuilder();
        PgCopy.appendMoney(out, amount);
        assertThat(out.toString()).as(amount.toPlainString()).isEqualTo(amount.toPlainString());
    }

    @Property(tries = 2_000)
    void datesAreWrittenAsIso(@ForAll("dates") LocalDate date) {
        StringBuilder out = new StringBuilder();
        PgCopy.appendDate(out, date);
        assertThat(out.toString()).isEqualTo(date.toString());
    }

    @Property(tries = 2_000)
    void timesAreWrittenToTheSecond(@ForAll("times") LocalDateTime time) {
        StringBuilder out = new StringBuilder();
        PgCopy.appendTimestamp(out, time);
        assertThat(out.toString()).isEqualTo(TIMESTAMP.format(time));
    }

    /**
     * Amounts of two decimals around every boundary the fast path has (a fen, a yuan, ten yuan, the
     * sign, a {@code long} of fen), and some of other scales and sizes, which take the general path.
     */
    @Provide
    Arbitrary<BigDecimal> amounts() {
        Arbitrary<BigDecimal> fen = Arbitraries.oneOf(Arbitraries.longs().between(-1_000, 1_000),
                        Arbitraries.longs().between(-99_999_999_999_999L, 99_999_999_999_999L), Arbitraries.longs())
                .map(n -> BigDecimal.valueOf(n, 2));
        Arbitrary<BigDecimal> huge = Arbitraries.bigIntegers().between(BigInteger.TEN.pow(17), BigInteger.TEN.pow(25))
                .map(n -> new BigDecimal(n, 2));
        Arbitrary<BigDecimal> otherScales = Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(-3, 6))
                .as(BigDecimal::valueOf);
        return Arbitraries.frequencyOf(Tuple.of(8, fen), Tuple.of(1, huge),
                Tuple.of(1, otherScales));
    }

    @Provide
    Arbitrary<LocalDate> dates() {
        return Arbitraries.oneOf(Arbitraries.integers().between(-1_000, 12_000),
                        Arbitraries.integers().between(1899, 2100))
                .flatMap(year -> Arbitraries.integers().between(1, LocalDate.of(year, 1, 1).lengthOfYear())
                        .map(day -> LocalDate.ofYearDay(year, day)));
    }

    @Provide
    Arbitrary<LocalDateTime> times() {
        return Combinators.combine(Arbitraries.integers().between(1900, 2099).flatMap(
                        year -> Arbitraries.integers().between(1, 365).map(day -> LocalDate.ofYearDay(year, day))),
                Arbitraries.integers().between(0, 86_399), Arbitraries.integers().between(0, 999_999_999))
                .as((date, second, nano) -> date.atStartOfDay().plusSeconds(second).plusNanos(nano));
    }
}
