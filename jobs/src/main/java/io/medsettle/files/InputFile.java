package io.medsettle.files;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * An input file opened for streaming: header checked, encoding known, rows read one at a time.
 *
 * <pre>{@code
 * try (InputFile file = InputFile.open(path, List.of("psn_no", "brdy"), List.of("emp_no"))) {
 *     for (InputRow row : file) {
 *         String psnNo = row.text("psn_no");
 *         LocalDate birth = row.date("brdy");
 *         if (row.hasProblems()) { report.addAll(row.problems()); continue; }
 *         ...
 *     }
 * }
 * }</pre>
 */
public final class InputFile implements Closeable, Iterable<InputRow> {

    private final String name;
    private final FileFingerprint fingerprint;
    private final CSVParser parser;
    private final Map<String, Integer> columns;
    private final List<Problem> warnings;
    private final Iterator<CSVRecord> records;

    private InputFile(String name, FileFingerprint fingerprint, CSVParser parser, Map<String, Integer> columns,
                      List<Problem> warnings) {
        this.name = name;
        this.fingerprint = fingerprint;
        this.parser = parser;
        this.columns = columns;
        this.warnings = warnings;
        this.records = parser.iterator();
    }

    /**
     * Opens the file: detects its encoding, reads its header and checks that every required column
     * is there. Columns outside {@code required} and {@code optional} are ignored with a warning.
     *
     * @throws FileRejectedException for an unreadable file, an unknown encoding or an unusable header
     */
    public static InputFile open(Path path, Collection<String> required, Collection<String> optional) {
        return open(path, FileFingerprint.of(path), required, optional);
    }

    /** Opens a file whose fingerprint was already taken (the intake takes it first, to skip a known file). */
    public static InputFile open(Path path, FileFingerprint fingerprint, Collection<String> required,
                                 Collection<String> optional) {
        String name = path.getFileName().toString();
        CSVParser parser = null;
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(path),
                    fingerprint.charset()), 1 << 16);
            if (fingerprint.bom()) {
                reader.skip(1);
            }
            parser = CSVFormat.RFC4180.builder().setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get().parse(reader);
            Iterator<CSVRecord> it = parser.iterator();
            if (!it.hasNext()) {
                throw new FileRejectedException(Problem.wholeFile(name, "文件为空,缺少表头", "the file is empty: no header row"));
            }
            CSVRecord header = it.next();
            Map<String, Integer> columns = new HashMap<>();
            List<Problem> warnings = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                String column = header.get(i).strip().toLowerCase(Locale.ROOT);
                if (column.isEmpty()) {
                    continue;
                }
                if (columns.putIfAbsent(column, i) != null) {
                    throw new FileRejectedException(new Problem(name, 1, column, column, "表头列名重复",
                            "the header names this column twice"));
                }
                if (!required.contains(column) && !optional.contains(column)) {
                    warnings.add(new Problem(name, 1, column, column, "未知列,已忽略", "unknown column, ignored"));
                }
            }
            List<String> missing = required.stream().filter(c -> !columns.containsKey(c)).toList();
            if (!missing.isEmpty()) {
                throw new FileRejectedException(new Problem(name, 1, String.join(",", missing), "",
                        "表头缺少必填列: " + String.join(", ", missing),
                        "the header lacks the required column(s) " + String.join(", ", missing)));
            }
            return new InputFile(name, fingerprint, parser, Map.copyOf(columns), List.copyOf(warnings));
        } catch (IOException | UncheckedIOException e) {
            closeQuietly(parser);
            throw new FileRejectedException(Problem.wholeFile(name, "文件无法按CSV读取: " + e.getMessage(),
                    "the file cannot be read as CSV: " + e.getMessage()));
        } catch (RuntimeException e) {
            closeQuietly(parser);
            throw e;
        }
    }

    private static void closeQuietly(CSVParser parser) {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException ignored) {
                // Already failing; the first error is the one to report.
            }
        }
    }

    public String name() {
        return name;
    }

    public FileFingerprint fingerprint() {
        return fingerprint;
    }

    /** Unknown columns in the header: reported, never fatal. */
    public List<Problem> warnings() {
        return warnings;
    }

    public boolean hasColumn(String column) {
        return columns.containsKey(column);
    }

    @Override
    public Iterator<InputRow> iterator() {
        return new Iterator<>() {
            /** The line the next record starts on at the earliest (the header is line 1). */
            private long nextStart = 2;

            @Override
            public boolean hasNext() {
                try {
                    return records.hasNext();
                } catch (UncheckedIOException | IllegalStateException e) {
                    throw new FileRejectedException(Problem.wholeFile(name, "CSV格式错误: " + e.getMessage(),
                            "malformed CSV: " + e.getMessage()));
                }
            }

            @Override
            public InputRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                CSVRecord record = records.next();
                // The parser has counted the line breaks up to the end of this record: that places
                // records after skipped blank lines; the running count places a last line that has
                // no line break. Quoted values with line breaks span several lines.
                long span = lineSpan(record);
                long start = Math.max(nextStart, parser.getCurrentLineNumber() - span + 1);
                nextStart = start + span;
                return new InputRow(name, start, record, columns);
            }
        };
    }

    /** How many physical lines the record took (quoted line breaks add lines). */
    private static long lineSpan(CSVRecord record) {
        long breaks = 0;
        for (int i = 0; i < record.size(); i++) {
            String value = record.get(i);
            for (int at = value.indexOf('\n'); at >= 0; at = value.indexOf('\n', at + 1)) {
                breaks++;
            }
        }
        return breaks + 1;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
