package io.medsettle.reports;

import io.medsettle.ledger.Money;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * An Excel statement: sheets with a title and a block of key/value lines (institution, period,
 * profile, run; figures as numbers, dates as dates), then a table with bold Chinese headers, a
 * frozen header row, an autofilter, column widths fitted to the content, money as
 * {@code #,##0.00}, dates as real dates, and a totals row of SUM formulas that also store their
 * results; then, on the sheets people sign, a note and a row of signatures.
 *
 * <p>Every sheet prints landscape, one page wide and as many pages tall as it needs, with the
 * header row of its table on every page: a finance department prints and files these statements,
 * and a 23-column summary cut over three pages in width, or a discharge list whose second page has
 * no headers, cannot be read on paper.
 *
 * <p>Streaming (SXSSF, a window of rows in memory) is the default, for sheets of a million
 * discharges; {@link #createInMemory} keeps the whole workbook, for small ones that need a chart.
 */
public final class ExcelStatement implements Closeable {

    private static final int MAX_WIDTH_CHARS = 60;

    /** The signature row: who made, checked and approved the statement, and when. */
    private static final List<String> SIGNATURES = List.of("制表：", "复核：", "审批：", "日期：");
    /** A blank to sign on, in characters: a name in Chinese, or a date, written by hand. */
    private static final int SIGNATURE_CHARS = 14;

    /** Rows a streamed sheet keeps in memory before it writes them out. */
    private static final int ROW_WINDOW = 500;

    private final Path file;
    private Workbook workbook;
    private final StatementStyles styles;
    /**
     * The workbook's default style (index 0), given explicitly to cells of streamed sheets that
     * have no style of their own; {@code null} while the workbook is kept in memory. A streamed cell
     * without a style asks its column for one as it is written out, a search through the sheet's
     * column definitions for every such cell: a quarter of the time of writing two thousand
     * institutions' workbooks. The default style is what that search finds (no column has a style
     * of its own), and a cell of style 0 is written without a style attribute, exactly as before.
     */
    private CellStyle plain;

    private ExcelStatement(Path file, Workbook workbook) {
        this.file = file;
        this.workbook = workbook;
        this.styles = new StatementStyles(workbook);
        this.plain = workbook instanceof SXSSFWorkbook ? workbook.getCellStyleAt(0) : null;
    }

    /** A streaming workbook: only a window of rows stays in memory. */
    public static ExcelStatement create(Path file) {
        SXSSFWorkbook workbook = new SXSSFWorkbook(ROW_WINDOW);
        workbook.setCompressTempFiles(true);
        return new ExcelStatement(file, workbook);
    }

    /** A workbook kept in memory, for small statements that need charts. */
    public static ExcelStatement createInMemory(Path file) {
        return new ExcelStatement(file, new XSSFWorkbook());
    }

    /**
     * From here on, new sheets stream (only a window of their rows in memory); the sheets made so far
     * stay in memory as they are, with their charts. For a workbook whose first sheets need a chart
     * and whose later ones can be long (the fund summary's postings of two thousand institutions).
     */
    public void streamFromHere() {
        if (workbook instanceof XSSFWorkbook inMemory) {
            SXSSFWorkbook streaming = new SXSSFWorkbook(inMemory, ROW_WINDOW);
            streaming.setCompressTempFiles(true);
            workbook = streaming;
            plain = workbook.getCellStyleAt(0);
        }
    }

    /** The POI workbook, for what this class does not do (charts). */
    public Workbook workbook() {
        return workbook;
    }

    /** A new sheet, set up for printing (see the class comment). */
    public StatementSheet sheet(String name) {
        Sheet sheet = workbook.createSheet(name);
        PrintSetup print = sheet.getPrintSetup();
        print.setLandscape(true);
        sheet.setFitToPage(true);
        print.setFitWidth((short) 1);
        // 0: as many pages tall as the rows need; only the width is fitted.
        print.setFitHeight((short) 0);
        return new StatementSheet(sheet);
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

    /** A sheet, written top to bottom: title, key/value lines, then tables, notes and signatures. */
    public final class StatementSheet {
        private final Sheet sheet;
        private int nextRow;
        private final int[] widths = new int[256];
        /** The columns of the widest table so far: how far a note spans. */
        private int tableColumns;

        private StatementSheet(Sheet sheet) {
            this.sheet = sheet;
        }

        public Sheet poi() {
            return sheet;
        }

        public StatementSheet title(String text) {
            Cell cell = sheet.createRow(nextRow++).createCell(0);
            cell.setCellValue(SafeText.forCell(text));
            cell.setCellStyle(styles.title);
            return this;
        }

        /**
         * A line of the header block, such as 机构 / 连云港市第一人民医院. A figure is a number, so
         * that a program reading the file gets it as one and a person can add it up: {@link Money}
         * and {@link BigDecimal} as money ({@code #,##0.00}), an integer type as a whole number, a
         * {@link LocalDate} as a date; anything else is text (escaped), and {@code null} an empty
         * cell. Identifiers made of digits (a run id, a bank account) are therefore passed as text.
         */
        public StatementSheet info(String key, Object value) {
            Row row = labelled(key);
            if (value != null) {
                Column.Kind kind = kindOf(value);
                int width = put(row.createCell(1), kind, value);
                // A number too wide for its column shows as ####; text runs on into the empty cells.
                if (kind != Column.Kind.TEXT) {
                    fit(1, width);
                }
            }
            return this;
        }

        /** A header line whose figure is a rate or a score (0.755, 87.5): a number shown with four decimals. */
        public StatementSheet rate(String key, BigDecimal value) {
            Row row = labelled(key);
            if (value != null) {
                fit(1, put(row.createCell(1), Column.Kind.DECIMAL, value));
            }
            return this;
        }

        /** A new header line with its label in the first column. */
        private Row labelled(String key) {
            Row row = sheet.createRow(nextRow++);
            Cell k = row.createCell(0);
            k.setCellValue(SafeText.forCell(key));
            k.setCellStyle(styles.label);
            // The label is cut where the value begins, so its column is as wide as the label.
            fit(0, displayWidth(key));
            return row;
        }

        /**
         * A paragraph under a table, such as what a column means: wrapped, and as tall as its text
         * needs, so that it prints whole on the page. It spans the widest table's columns, and at
         * least the signature row's, which is the printed page's width when the table is narrow.
         */
        public StatementSheet note(String text) {
            int row = nextRow++;
            Row line = sheet.createRow(row);
            Cell cell = line.createCell(0);
            cell.setCellValue(SafeText.forCell(text));
            cell.setCellStyle(styles.note);
            int columns = Math.max(tableColumns, 2 * SIGNATURES.size());
            sheet.addMergedRegion(new CellRangeAddress(row, row, 0, columns - 1));
            int chars = 0;
            for (int c = 0; c < columns; c++) {
                chars += sheet.getColumnWidth(c) / 256;
            }
            int lines = 0;
            for (String paragraph : text.split("\n", -1)) {
                lines += Math.max(1, (displayWidth(paragraph) + chars - 1) / Math.max(chars, 1));
            }
            // Excel does not grow a merged cell's row to its wrapped text; a fifth more per line
            // leaves room for Chinese glyphs, which are taller than the default font's line.
            line.setHeightInPoints(lines * sheet.getDefaultRowHeightInPoints() * 1.2f);
            return this;
        }

        /**
         * The row signed by who made, checked and approved the statement, each label followed by
         * a blank to sign on, and the date: 制表：____ 复核：____ 审批：____ 日期：____, one cell
         * each, below a blank line.
         */
        public StatementSheet signatures() {
            nextRow++;
            Row row = sheet.createRow(nextRow++);
            // Room for a handwritten signature above the line.
            row.setHeightInPoints(sheet.getDefaultRowHeightInPoints() * 2);
            for (int i = 0; i < SIGNATURES.size(); i++) {
                Cell label = row.createCell(2 * i);
                label.setCellValue(SIGNATURES.get(i));
                label.setCellStyle(styles.signatureLabel);
                fit(2 * i, displayWidth(SIGNATURES.get(i)));
                row.createCell(2 * i + 1).setCellStyle(styles.signatureBlank);
                fit(2 * i + 1, SIGNATURE_CHARS);
            }
            applyWidths(2 * SIGNATURES.size());
            return this;
        }

        public StatementSheet blankLine() {
            nextRow++;
            return this;
        }

        /**
         * Starts a table here; its header row is frozen and filtered when it ends. The header row
         * of the sheet's first table is printed on every page.
         */
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
        private final ColumnSums sums;

        private Table(StatementSheet owner, List<Column> columns) {
            this.owner = owner;
            this.columns = columns;
            this.sums = new ColumnSums(columns);
            this.headerRow = owner.nextRow++;
            this.lastDataRow = headerRow;
            owner.tableColumns = Math.max(owner.tableColumns, columns.size());
            if (owner.sheet.getRepeatingRows() == null) {
                owner.sheet.setRepeatingRows(CellRangeAddress.valueOf((headerRow + 1) + ":" + (headerRow + 1)));
            }
            Row row = owner.sheet.createRow(headerRow);
            for (int c = 0; c < columns.size(); c++) {
                Cell cell = row.createCell(c);
                cell.setCellValue(columns.get(c).header());
                cell.setCellStyle(styles.header);
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
            sums.add(values);
            for (int c = 0; c < values.length; c++) {
                if (values[c] != null) {
                    owner.fit(c, put(row.createCell(c), columns.get(c).kind(), values[c]));
                }
            }
            return this;
        }

        /**
         * A totals row: the label in the first column and a SUM formula under every money and
         * integer column named in {@code summed}. Each formula also stores its result, the exact
         * sum of the rows written: the formula stays so that a figure corrected by hand in Excel
         * changes the total, but a program that reads the file without evaluating formulas (POI,
         * pandas, openpyxl) sees only the stored result, which would otherwise be empty. In POI
         * 5.5, setting a number on a formula cell keeps the formula and sets its cached result
         * (XSSFCell writes the value beside the formula, SXSSFCell sets the formula's
         * pre-evaluated value); StatementWritersTest reads both back.
         */
        public Table totals(String label, List<String> summed) {
            Row row = owner.sheet.createRow(owner.nextRow++);
            Cell first = row.createCell(0);
            first.setCellValue(label);
            first.setCellStyle(styles.totalLabel);
            for (int c = 1; c < columns.size(); c++) {
                if (summed.contains(columns.get(c).name())) {
                    String letter = CellReference.convertNumToColString(c);
                    Cell cell = row.createCell(c);
                    cell.setCellFormula("SUM(" + letter + (headerRow + 2) + ":" + letter + (lastDataRow + 1) + ")");
                    cell.setCellValue(sums.sum(c).doubleValue());
                    cell.setCellStyle(columns.get(c).kind() == Column.Kind.INTEGER ? styles.totalInteger : styles.totalMoney);
                    owner.fit(c, sums.sum(c).toPlainString().length() + 4);
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

    /** The kind of cell a header-block value gets: figures are numbers, and only other values text. */
    static Column.Kind kindOf(Object value) {
        if (value instanceof Money || value instanceof BigDecimal) {
            return Column.Kind.MONEY;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return Column.Kind.INTEGER;
        }
        return value instanceof LocalDate ? Column.Kind.DATE : Column.Kind.TEXT;
    }

    /** Writes a value into a cell as its kind says; returns the width it needs, in characters. */
    private int put(Cell cell, Column.Kind kind, Object value) {
        switch (kind) {
            case MONEY -> {
                BigDecimal amount = ColumnSums.number(value);
                cell.setCellValue(amount.doubleValue());
                cell.setCellStyle(styles.money);
                return amount.toPlainString().length() + 4;
            }
            case INTEGER -> {
                cell.setCellValue(ColumnSums.number(value).doubleValue());
                cell.setCellStyle(styles.integer);
                return value.toString().length() + 2;
            }
            case DECIMAL -> {
                cell.setCellValue(ColumnSums.number(value).doubleValue());
                cell.setCellStyle(styles.decimal);
                return 8;
            }
            case DATE -> {
                cell.setCellValue((LocalDate) value);
                cell.setCellStyle(styles.date);
                return 10;
            }
            default -> {
                String text = SafeText.forCell(value.toString());
                cell.setCellValue(text);
                if (plain != null) {
                    cell.setCellStyle(plain);
                }
                return displayWidth(text);
            }
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
