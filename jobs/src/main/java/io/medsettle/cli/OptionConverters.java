package io.medsettle.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalQuery;
import java.util.function.Function;

import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How the commands' option values are read: each type says in one sentence what it expected,
 * where picocli's own converters would name a Java exception ("cannot convert '2025-13' to
 * YearMonth (java.time.format.DateTimeParseException: ...)"). {@link UsageErrorHandler} puts the
 * option's name in front.
 */
final class OptionConverters {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("uuuu-MM").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter YEAR = DateTimeFormatter.ofPattern("uuuu").withResolverStyle(ResolverStyle.STRICT);

    private OptionConverters() {
    }

    /**
     * Registers the converters on the command and all its subcommands (so: after adding them). A
     * relative path is resolved against {@code workingDirectory} when there is one, and otherwise
     * stays relative, to the process's own directory.
     */
    static void register(CommandLine commandLine, Path workingDirectory) {
        commandLine.registerConverter(YearMonth.class, value -> parse(value, MONTH, YearMonth::from, "a month in the form yyyy-MM"));
        commandLine.registerConverter(LocalDate.class, value -> parse(value, DAY, LocalDate::from, "a date in the form yyyy-MM-dd"));
        commandLine.registerConverter(Year.class, value -> parse(value, YEAR, Year::from, "a year in the form yyyy"));
        commandLine.registerConverter(Path.class, value -> workingDirectory == null ? path(value)
                : workingDirectory.resolve(path(value)));
        ITypeConverter<Integer> integer = value -> wholeNumber(value, Integer::valueOf);
        commandLine.registerConverter(Integer.class, integer);
        commandLine.registerConverter(Integer.TYPE, integer);
        ITypeConverter<Long> longInteger = value -> wholeNumber(value, Long::valueOf);
        commandLine.registerConverter(Long.class, longInteger);
        commandLine.registerConverter(Long.TYPE, longInteger);
    }

    private static <T> T parse(String value, DateTimeFormatter format, TemporalQuery<T> type,
                               String expected) {
        try {
            return format.parse(value, type);
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not " + expected);
        }
    }

    private static Path path(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new TypeConversionException("'" + value + "' is not a file path (" + e.getReason() + ")");
        }
    }

    private static <T> T wholeNumber(String value, Function<String, T> parse) {
        try {
            return parse.apply(value);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a whole number");
        }
    }
}
