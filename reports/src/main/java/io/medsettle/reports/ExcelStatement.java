package io.medsettle.reports;

import io.medsettle.ledger.Money;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * An Excel statement: sheets with a title and a block of key/value lines (institution, period,
 * profile, run), then a table with bold Chinese headers, a frozen header row, an autofilter,
 * column widths fitted to the content, money as {@code #,##0.00}, dates as real dates, and a
 * totals row of SUM formulas.
 *
 * <p>Streaming (SXSSF, a window of rows in memory) is the default, for sheets of a million
 * discharges; {@link #createInMemory} keeps the whole workbook, for small ones that need a chart.
 */
public final class ExcelStatement implements Closeable {

    private static final int MAX_WIDTH_CHARS = 60;

    private final Path file;
    private final Workbook workbook;
    private final CellStyle title;
    private final CellStyle label;
    private final CellStyle header;
    private final CellStyle money;
    private final CellStyle integer;
    private final CellStyle date;
    private final CellStyle decimal;
    private final CellStyle totalMoney;
    private final CellStyle totalLabel;

    private ExcelStatement(Path file, Workbook workbook) {
        this.file = file;
        this.workbook = workbook;
        Font bold = workbook.createFont();
        bold.setBold(true);
        Font big = workbook.createFont();
        big.setBold(true);
        big.setFontHeightInPoints((short) 14);
        title = workbook.createCellStyle();
        title.setFont(big);
        label = workbook.createCellStyle();
        label.setFont(bold);
        header = workbook.createCellStyle();
        header.setFont(bold);
        header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        header.setBorderBottom(BorderStyle.THIN);
        header.setWrapText(true);
        var format = workbook.createDataFormat();
        money = workbook.createCellStyle();
        money.setDataFormat(format.getFormat("#,##0.00"));
        integer = workbook.createCellStyle();
        integer.setDataFormat(format.getFormat("#,##0"));
        date = workbook.createCellStyle();
        date.setDataFormat(format.getFormat("yyyy-mm-dd"));
        decimal = workbook.createCellStyle();
        decimal.setDataFormat(format.getFormat("0.0000"));
        totalMoney = workbook.createCellStyle();
        totalMoney.cloneStyleFrom(money);
        totalMoney.setFont(bold);
        totalMoney.setBorderTop(BorderStyle.THIN);
        totalLabel = workbook.createCellStyle();
        totalLabel.setFont(bold);
        totalLabel.setBorderTop(BorderStyle.THIN);
    }

    /** A streaming workbook: only a window of rows stays in memory. */
    public static ExcelStatement create(Path file) {
        SXSSFWorkbook workbook = new SXSSFWorkbook(500);
        workbook.setCompressTempFiles(true);
        return new ExcelStatement(file, workbook);
    }

    /** A workbook kept in memory, for small statements that need charts. */
    public static ExcelStatement createInMemory(Path file) {
        return new ExcelStatement(file, new XSSFWorkbook());
    }

    /** The POI workbook, for what this class does not do (charts). */
    public Workbook workbook() {
        return workbook;
    }

    public StatementSheet sheet(String name) {
        return new StatementSheet(workbook.createSheet(name));
    }

    @Override
    public void close() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                workbook.write(out);
            }
            workbook.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** A sheet, written top to bottom: title, key/value lines, then tables. */
    public final class StatementSheet {
        private final Sheet sheet;
        private int nextRow;
        private final int[] widths = new int[256];

        private StatementSheet(Sheet sheet) {
            this.sheet = sheet;
        }

        public Sheet poi() {
            return sheet;
        }

        public StatementSheet title(String text) {
            Cell cell = sheet.createRow(nextRow++).createCell(0);
            cell.setCellValue(SafeText.forCell(text));
            cell.setCellStyle(title);
            return this;
        }

        /** A line of the header block, such as 机构 / 连云港市第一人民医院. */
        public StatementSheet info(String key, Object value) {
            Row row = sheet.createRow(nextRow++);
            Cell k = row.createCell(0);
            k.setCellValue(SafeText.forCell(key));
            k.setCellStyle(label);
            Cell v = row.createCell(1);
            v.setCellValue(SafeText.forCell(String.valueOf(value)));
            return this;
        }

        public StatementSheet blankLine() {
            nextRow++;
            return this;
        }

        /** Starts a table here; its header row is frozen and filtered when it ends. */
        public Table table(List<Column> columns) {
            return new Table(this, columns);
        }

        private void fit(int column, int chars) {
            widths[column] = Math.max(widths[column], Math.min(chars, MAX_WIDTH_CHARS));
        }

        private void applyWidths(int columns) {
            for (int c = 0; c < columns; c++) {
                sheet.setColumnWidth(c, (Math.max(widths[c], 6) + 2) * 256);
            }
        }
    }

    /** A table: a header row, data rows, optionally a totals row. */
    public final class Table {
        private final StatementSheet owner;
        private final List<Column> columns;
        private final int headerRow;
        private int lastDataRow;

        private Table(StatementSheet owner, List<Column> columns) {
            this.owner = owner;
            this.columns = columns;
            this.headerRow = owner.nextRow++;
            this.lastDataRow = headerRow;
            Row row = owner.sheet.createRow(headerRow);
            for (int c = 0; c < columns.size(); c++) {
                Cell cell = row.createCell(c);
                cell.setCellValue(columns.get(c).header());
                cell.setCellStyle(header);
                owner.fit(c, displayWidth(columns.get(c).header()));
            }
        }

        /** One row, values in column order (String, Money, Number, LocalDate, or null for empty). */
        public Table row(Object... values) {
            if (values.length != columns.size()) {
                throw new IllegalArgumentException("a row has " + columns.size() + " values, got " + values.length);
            }
            Row row = owner.sheet.createRow(owner.nextRow++);
            lastDataRow = row.getRowNum();
            for (int c = 0; c < values.length; c++) {
                write(row.createCell(c), columns.get(c), values[c], c);
            }
            return this;
        }

        private void write(Cell cell, Column column, Object value, int c) {
            if (value == null) {
                return;
            }
            switch (column.kind()) {
                case MONEY -> {
                    BigDecimal amount = value instanceof Money m ? m.amount() : (BigDecimal) value;
                    cell.setCellValue(amount.doubleValue());
                    cell.setCellStyle(money);
                    owner.fit(c, amount.toPlainString().length() + 4);
                }
                case INTEGER -> {
                    cell.setCellValue(((Number) value).doubleValue());
                    cell.setCellStyle(integer);
                    owner.fit(c, value.toString().length() + 2);
                }
                case DECIMAL -> {
                    cell.setCellValue(((BigDecimal) value).doubleValue());
                    cell.setCellStyle(decimal);
                    owner.fit(c, 8);
                }
                case DATE -> {
                    cell.setCellValue((LocalDate) value);
                    cell.setCellStyle(date);
                    owner.fit(c, 10);
                }
                case TEXT -> {
                    String text = SafeText.forCell(value.toString());
                    cell.setCellValue(text);
                    owner.fit(c, displayWidth(text));
                }
            }
        }

        /**
         * A totals row: the label in the first column and a SUM formula under every money and
         * integer column named in {@code summed}.
         */
        public Table totals(String label, List<String> summed) {
            Row row = owner.sheet.createRow(owner.nextRow++);
            Cell first = row.createCell(0);
            first.setCellValue(label);
            first.setCellStyle(totalLabel);
            for (int c = 1; c < columns.size(); c++) {
                if (summed.contains(columns.get(c).name())) {
                    String letter = CellReference.convertNumToColString(c);
                    Cell cell = row.createCell(c);
                    cell.setCellFormula("SUM(" + letter + (headerRow + 2) + ":" + letter + (lastDataRow + 1) + ")");
                    cell.setCellStyle(columns.get(c).kind() == Column.Kind.INTEGER ? integer : totalMoney);
                }
            }
            return this;
        }

        /** Freezes the rows down to the header, filters the table, fits the widths. */
        public void end() {
            owner.sheet.createFreezePane(0, headerRow + 1);
            owner.sheet.setAutoFilter(new CellRangeAddress(headerRow, lastDataRow, 0, columns.size() - 1));
            owner.applyWidths(columns.size());
            owner.nextRow++;
        }

        public int headerRowIndex() {
            return headerRow;
        }

        public int lastDataRowIndex() {
            return lastDataRow;
        }
    }

    /** Display columns: Chinese characters are about two wide. */
    static int displayWidth(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); i++) {
            width += text.charAt(i) > 0x2E80 ? 2 : 1;
        }
        return width;
    }
}
