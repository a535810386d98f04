package io.medsettle.reports;

import io.medsettle.ledger.Money;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A CSV statement: UTF-8 with a byte-order mark (so that Excel opens the Chinese text), RFC 4180,
 * a header of machine column names, amounts as plain {@code 0.00}, text escaped; optionally a
 * last row of totals.
 */
public final class CsvStatement implements Closeable {

    private final List<Column> columns;
    private final CSVPrinter printer;
    private final ColumnSums sums;

    private CsvStatement(List<Column> columns, CSVPrinter printer) {
        this.columns = columns;
        this.printer = printer;
        this.sums = new ColumnSums(columns);
    }

    public static CsvStatement create(Path file, List<Column> columns) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            var out = Files.newOutputStream(file);
            out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            CSVPrinter printer = CSVFormat.RFC4180.builder()
                    .setHeader(columns.stream().map(Column::name).toArray(String[]::new))
                    .get().print(writer);
            return new CsvStatement(columns, printer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** One row, values in column order: String, Money, Number, LocalDate or null. */
    public void row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("a row has " + columns.size() + " values, got " + values.length);
        }
        sums.add(values);
        print(values);
    }

    /**
     * The last row: {@code label} in the first column and, under every figure column named in
     * {@code summed}, the exact sum of the rows written; the other columns empty. A program that
     * imports the file tells it from the data rows by its first column.
     */
    public void totals(String label, List<String> summed) {
        Object[] values = new Object[columns.size()];
        values[0] = label;
        for (int c = 1; c < columns.size(); c++) {
            if (summed.contains(columns.get(c).name()) && ColumnSums.isFigure(columns.get(c))) {
                values[c] = sums.total(c);
            }
        }
        print(values);
    }

    private void print(Object[] values) {
        List<String> cells = new ArrayList<>(values.length);
        for (Object value : values) {
            cells.add(format(value));
        }
        try {
            printer.printRecord(cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Money money) {
            return money.toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Number || value instanceof java.time.temporal.Temporal) {
            return value.toString();
        }
        return SafeText.escape(value.toString());
    }

    @Override
    public void close() {
        try {
            printer.close(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
