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
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
