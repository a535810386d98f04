package io.medsettle.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalQuery;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The row reader's hand-written amount, date and time checks agree with the definitions they
 * replace for speed: formats.md's amount pattern and the strict {@code java.time} formatters.
 * The strings are drawn mostly from the characters those formats use, so that near misses
 * (a 13th digit, a third decimal, 29 February, hour 24) come up often. One difference is
 * deliberate and left out: the formatter reads a signed year of more than four digits
 * ({@code +20250-01-01}), the fast path calls that a bad date.
 */
class InputRowFastPathsTest {

    private static final Pattern AMOUNT = Pattern.compile("-?\\d{1,13}(\\.\\d{1,2})?");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);

    @Property(tries = 5_000)
    void amountsAreThoseOfThePattern(@ForAll("amountLike") String value) {
        assertThat(InputRow.isAmount(value)).as(value).isEqualTo(AMOUNT.matcher(value).matches());
    }

    @Property(tries = 5_000)
    void datesAreThoseOfTheStrictFormatter(@ForAll("dateLike") String value) {
        assertThat(InputRow.isoDate(value)).as(value).isEqualTo(strictly(value, DATE, LocalDate::from));
    }

    @Property(tries = 5_000)
    void timesAreThoseOfTheStrictFormatter(@ForAll("dateTimeLike") String value) {
        assertThat(InputRow.isoDateTime(value)).as(value).isEqualTo(strictly(value, DATE_TIME, LocalDateTime::from));
    }

    /** What the formatter reads, or {@code null} where it refuses the text. */
    private static <T> T strictly(String value, DateTimeFormatter formatter, TemporalQuery<T> query) {
        try {
            return formatter.parse(value, query);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Provide
    Arbitrary<String> amountLike() {
        Arbitrary<String> digits = Arbitraries.strings().withChars("0123456789").ofMinLength(0).ofMaxLength(15);
        Arbitrary<String> decimals = Arbitraries.strings().withChars("0123456789").ofMinLength(0).ofMaxLength(3);
        Arbitrary<String> shaped = Arbitraries.of("", "-", "+").flatMap(sign -> digits.flatMap(
                whole -> Arbitraries.of("", ".", ",").flatMap(point -> decimals.map(d -> sign + whole + point + d))));
        Arbitrary<String> noise = Arbitraries.strings().withChars("0123456789.-, e").ofMaxLength(8);
        return Arbitraries.oneOf(shaped, shaped, noise);
    }

    @Provide
    Arbitrary<String> dateLike() {
        Arbitrary<String> real = Arbitraries.integers().between(1900, 2100).flatMap(y -> Arbitraries.integers()
                .between(0, 13).flatMap(m -> Arbitraries.integers().between(0, 32)
                        .map(d -> String.format("%04d-%02d-%02d", y, m, d))));
        Arbitrary<String> noise = Arbitraries.strings().withChars("0123456789-/ ").ofMinLength(8).ofMaxLength(10);
        return Arbitraries.oneOf(real, real, noise);
    }

    @Provide
    Arbitrary<String> dateTimeLike() {
        Arbitrary<String> clock = Arbitraries.integers().between(0, 25).flatMap(h -> Arbitraries.integers()
                .between(0, 61).flatMap(m -> Arbitraries.integers().between(0, 61)
                        .map(s -> String.format("%02d:%02d:%02d", h, m, s))));
        Arbitrary<String> real = dateLike().flatMap(d -> clock.map(c -> d + " " + c));
        Arbitrary<String> noise = Arbitraries.strings().withChars("0123456789-: T").ofMinLength(17).ofMaxLength(19);
        return Arbitraries.oneOf(real, real, noise);
    }
}
