package io.medsettle.reports;

import io.medsettle.ledger.Money;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * The exact sums of a statement's figure columns, kept as its rows are written, for its totals
 * row. A workbook's totals are formulas, but a program that reads the file without evaluating them
 * (POI, pandas, openpyxl) sees only their stored results, and a CSV has no formulas at all: both
 * take these sums, in BigDecimal, so that a total is the cent-exact sum of its column and never a
 * sum of doubles.
 */
final class ColumnSums {

    private final List<Column> columns;
    private final BigDecimal[] sums;

    ColumnSums(List<Column> columns) {
        this.columns = columns;
        this.sums = new BigDecimal[columns.size()];
        Arrays.fill(sums, BigDecimal.ZERO);
    }

    /** Adds a row's figures (values in column order; text, dates and empty values are skipped). */
    void add(Object[] values) {
        for (int c = 0; c < values.length; c++) {
            if (values[c] != null && isFigure(columns.get(c))) {
                sums[c] = sums[c].add(number(values[c]));
            }
        }
    }

    /** The column's sum as its cells show it: money as {@link Money}, other figures as a plain number. */
    Object total(int column) {
        return columns.get(column).kind() == Column.Kind.MONEY ? Money.of(sums[column]) : sums[column];
    }

    BigDecimal sum(int column) {
        return sums[column];
    }

    static boolean isFigure(Column column) {
        return column.kind() == Column.Kind.MONEY || column.kind() == Column.Kind.INTEGER
                || column.kind() == Column.Kind.DECIMAL;
    }

    /** A figure as an exact number: Money, BigDecimal or an integer type. */
    static BigDecimal number(Object value) {
        if (value instanceof Money money) {
            return money.amount();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString());
        }
        throw new IllegalArgumentException("not a figure: " + value);
    }
}
