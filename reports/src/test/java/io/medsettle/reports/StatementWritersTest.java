package io.medsettle.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.ledger.Money;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatementWritersTest {

    private static final List<Column> COLUMNS = List.of(
            Column.text("name", "名称"), Column.integer("discharges", "出院人次"),
            Column.money("due", "统筹应结"), Column.date("day", "日期"));

    @TempDir
    Path dir;

    @Test
    void excelHasRealNumbersDatesFormatsFrozenHeaderFilterAndSumFormulas() throws IOException {
        Path file = dir.resolve("s.xlsx");
        try (ExcelStatement book = ExcelStatement.create(file)) {
            ExcelStatement.StatementSheet sheet = book.sheet("结算汇总").title("2026年3月结算").info("期间", "2026-03");
            sheet.table(COLUMNS)
                    .row("甲医院", 12, Money.of("1234567.89"), LocalDate.of(2026, 3, 31))
                    .row("=SUM(A1)", 3, Money.of("-0.01"), null)
                    .totals("合计", List.of("discharges", "due"))
                    .end();
        }

        try (InputStream in = Files.newInputStream(file); XSSFWorkbook book = new XSSFWorkbook(in)) {
            XSSFSheet sheet = book.getSheet("结算汇总");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("2026年3月结算");
            assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).isEqualTo("2026-03");
            assertThat(sheet.getRow(2).getCell(2).getStringCellValue()).isEqualTo("统筹应结");
            var due = sheet.getRow(3).getCell(2);
            assertThat(due.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(due.getNumericCellValue()).isEqualTo(1234567.89);
            assertThat(due.getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            assertThat(sheet.getRow(3).getCell(3).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2026, 3, 31));
            assertThat(sheet.getRow(3).getCell(3).getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
            // A formula-like name stays text, escaped.
            assertThat(sheet.getRow(4).getCell(0).getCellType()).isEqualTo(CellType.STRING);
            assertThat(sheet.getRow(4).getCell(0).getStringCellValue()).isEqualTo("'=SUM(A1)");
            assertThat(sheet.getRow(5).getCell(2).getCellFormula()).isEqualTo("SUM(C4:C5)");
            assertThat(sheet.getRow(5).getCell(1).getCellFormula()).isEqualTo("SUM(B4:B5)");
            assertThat(sheet.getPaneInformation().isFreezePane()).isTrue();
            assertThat(sheet.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 3);
            assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A3:D5");
            assertThat(sheet.getColumnWidth(0)).isGreaterThan(8 * 256);
        }
    }

    /**
     * The header block's figures are numbers and dates, the totals keep their formulas and store
     * their exact results, every sheet prints one page wide with its header row on every page, and
     * the signed sheets end with a note and a signature row: for the streaming workbook and the one
     * kept in memory alike, each reopened without evaluating a formula (as pandas or openpyxl read it).
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void figuresAreNumbersTotalsStoreTheirResultsAndSheetsPrintAndSign(boolean streaming) throws IOException {
        Path file = dir.resolve("print-" + streaming + ".xlsx");
        try (ExcelStatement book = streaming ? ExcelStatement.create(file) : ExcelStatement.createInMemory(file)) {
            ExcelStatement.StatementSheet sheet = book.sheet("汇总").title("结算汇总")
                    .info("总额控制指标(元)", Money.of("3000000.00"))
                    .info("核定均值(元)", new java.math.BigDecimal("10000.5"))
                    .info("出院人次", 1234L)
                    .info("结算日期", LocalDate.of(2026, 4, 11))
                    .info("结算批次", "00123")
                    .info("备注", "=HYPERLINK(\"x\")")
                    .info("开户银行", null)
                    .blankLine();
            ExcelStatement.Table table = sheet.table(COLUMNS);
            // 0.10 + 0.20 is 0.30000000000000004 in doubles; the stored total is exact.
            table.row("甲医院", 12, Money.of("0.10"), null)
                    .row("乙医院", 3, Money.of("0.20"), null)
                    .row("丙医院", null, Money.of("1234567.89"), null)
                    .totals("合计", List.of("discharges", "due"))
                    .end();
            sheet.note("说明：本月拨付包括大额与个账两项。\n第二段。").signatures();
            book.sheet("明细").title("明细").table(COLUMNS).row("丁医院", 1, Money.ZERO, null).end();
        }

        try (InputStream in = Files.newInputStream(file); XSSFWorkbook book = new XSSFWorkbook(in)) {
            XSSFSheet sheet = book.getSheet("汇总");
            Cell control = sheet.getRow(1).getCell(1);
            assertThat(control.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(control.getNumericCellValue()).isEqualTo(3_000_000.00);
            assertThat(control.getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            assertThat(sheet.getRow(2).getCell(1).getNumericCellValue()).isEqualTo(10000.5);
            assertThat(sheet.getRow(2).getCell(1).getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
            assertThat(sheet.getRow(3).getCell(1).getNumericCellValue()).isEqualTo(1234);
            assertThat(sheet.getRow(3).getCell(1).getCellStyle().getDataFormatString()).isEqualTo("#,##0");
            assertThat(sheet.getRow(4).getCell(1).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2026, 4, 11));
            assertThat(sheet.getRow(4).getCell(1).getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
            assertThat(sheet.getRow(5).getCell(1).getCellType()).as("digits passed as text stay text").isEqualTo(CellType.STRING);
            assertThat(sheet.getRow(5).getCell(1).getStringCellValue()).isEqualTo("00123");
            assertThat(sheet.getRow(6).getCell(1).getStringCellValue()).isEqualTo("'=HYPERLINK(\"x\")");
            assertThat(sheet.getRow(7).getCell(1)).as("no value, no cell").isNull();

            int header = 9;
            Row totals = sheet.getRow(header + 4);
            assertThat(totals.getCell(0).getStringCellValue()).isEqualTo("合计");
            Cell due = totals.getCell(2);
            assertThat(due.getCellFormula()).isEqualTo("SUM(C11:C13)");
            assertThat(due.getCachedFormulaResultType()).isEqualTo(CellType.NUMERIC);
            assertThat(due.getNumericCellValue()).isEqualTo(1234568.19);
            Cell discharges = totals.getCell(1);
            assertThat(discharges.getCellFormula()).isEqualTo("SUM(B11:B13)");
            assertThat(discharges.getNumericCellValue()).isEqualTo(15);

            for (String name : List.of("汇总", "明细")) {
                XSSFSheet printed = book.getSheet(name);
                assertThat(printed.getPrintSetup().getLandscape()).as(name).isTrue();
                assertThat(printed.getFitToPage()).as(name).isTrue();
                assertThat(printed.getPrintSetup().getFitWidth()).as(name).isEqualTo((short) 1);
                assertThat(printed.getPrintSetup().getFitHeight()).as(name).isEqualTo((short) 0);
            }
            assertThat(sheet.getRepeatingRows()).isEqualTo(CellRangeAddress.valueOf((header + 1) + ":" + (header + 1)));
            assertThat(book.getSheet("明细").getRepeatingRows()).isEqualTo(CellRangeAddress.valueOf("2:2"));

            Row note = sheet.getRow(header + 6);
            assertThat(note.getCell(0).getStringCellValue()).startsWith("说明：本月拨付");
            assertThat(note.getCell(0).getCellStyle().getWrapText()).isTrue();
            assertThat(sheet.getMergedRegions()).as("as wide as the signature row, the table being narrower")
                    .contains(new CellRangeAddress(header + 6, header + 6, 0, 7));
            assertThat(note.getHeightInPoints()).as("two paragraphs, two lines at least").isGreaterThan(2 * sheet.getDefaultRowHeightInPoints());

            Row signatures = sheet.getRow(header + 8);
            assertThat(List.of(0, 2, 4, 6).stream().map(c -> signatures.getCell(c).getStringCellValue()))
                    .containsExactly("制表：", "复核：", "审批：", "日期：");
            for (int c : new int[] {1, 3, 5, 7}) {
                assertThat(signatures.getCell(c).getCellType()).isEqualTo(CellType.BLANK);
                assertThat(signatures.getCell(c).getCellStyle().getBorderBottom()).isEqualTo(BorderStyle.THIN);
                assertThat(sheet.getColumnWidth(c)).as("room to sign").isGreaterThanOrEqualTo(14 * 256);
            }
        }
    }

    @Test
    void csvTotalsRowSumsTheNamedColumnsExactlyAndComesLast() throws IOException {
        Path file = dir.resolve("t.csv");
        try (CsvStatement csv = CsvStatement.create(file, COLUMNS)) {
            csv.row("甲医院", 12, Money.of("0.10"), LocalDate.of(2026, 3, 31));
            csv.row("乙医院", null, Money.of("0.20"), null);
            csv.totals("合计", List.of("discharges", "due"));
        }

        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(file, StandardCharsets.UTF_8)).getRecords();
        assertThat(records).hasSize(3);
        CSVRecord totals = records.get(2);
        assertThat(totals.get(0)).endsWith("合计");
        assertThat(totals.get("discharges")).isEqualTo("12");
        assertThat(totals.get("due")).isEqualTo("0.30");
        assertThat(totals.get("day")).isEmpty();
    }

    @Test
    void csvStartsWithABomEscapesTextButNotNumbers() throws IOException {
        Path file = dir.resolve("s.csv");
        try (CsvStatement csv = CsvStatement.create(file, COLUMNS)) {
            csv.row("+甲医院", 12, Money.of("-12.30"), LocalDate.of(2026, 3, 31));
            csv.row("@x", null, Money.ZERO, null);
        }

        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes[0] & 0xFF).isEqualTo(0xEF);
        assertThat(bytes[1] & 0xFF).isEqualTo(0xBB);
        assertThat(bytes[2] & 0xFF).isEqualTo(0xBF);
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new java.io.StringReader(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8)))
                .getRecords();
        assertThat(records.get(0).get("name")).isEqualTo("'+甲医院");
        assertThat(records.get(0).get("due")).isEqualTo("-12.30");
        assertThat(records.get(0).get("day")).isEqualTo("2026-03-31");
        assertThat(records.get(1).get("name")).isEqualTo("'@x");
        assertThat(records.get(1).get("discharges")).isEmpty();
        assertThat(records.get(1).get("due")).isEqualTo("0.00");
    }

    @Test
    void idNumbersKeepTheFirstSixAndTheLastFour() {
        assertThat(SafeText.maskId("320706199001011234")).isEqualTo("320706********1234");
        assertThat(SafeText.maskId("32070619900101123X")).isEqualTo("320706********123X");
        assertThat(SafeText.maskId("1234567890")).isEqualTo("**********");
        assertThat(SafeText.escape("-1")).isEqualTo("'-1");
        assertThat(SafeText.escape("正常")).isEqualTo("正常");
    }
}
