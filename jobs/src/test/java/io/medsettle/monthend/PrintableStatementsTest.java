package io.medsettle.monthend;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.intake.DischargeIntake;
import io.medsettle.ledger.Money;
import io.medsettle.reference.ReferenceFileLoader;
import io.medsettle.runs.JobRuns;
import io.medsettle.settlement.SettlementLine;
import io.medsettle.support.DischargeFile;
import io.medsettle.support.MedsettleSpringTest;
import io.medsettle.support.ReferenceFiles;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The month-end's statements as a finance department prints, signs and reads them by program: the
 * header block's figures are numbers, the totals store their results beside their formulas (the
 * workbooks are read here without evaluating a formula, as pandas or openpyxl read them), every
 * sheet prints one page wide with its header row on every page, the signed sheets explain what is
 * paid now and end with signature lines, and the payment order names each payee's bank and ends with
 * its total. Three hospitals: one with a bank account that starts with a zero, one whose bank name
 * looks like a formula, one without a bank.
 */
class PrintableStatementsTest extends MedsettleSpringTest {

    /** A month no other test class settles: test classes of the same configuration share a database. */
    private static final YearMonth MARCH = YearMonth.of(2046, 3);

    @Autowired
    DischargeIntake intake;

    @Autowired
    MonthEnd monthEnd;

    @Autowired
    ReferenceFileLoader referenceData;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    @Test
    void statementsPrintSignAndReadAsNumbersAndThePaymentOrderNamesBanksAndTotals() throws Exception {
        ReferenceFiles.in(dir.resolve("refs"))
                .institutionsWithBanks("HPA,甲医院,2,general,中国银行连云港分行,0471259230017",
                        "HPB,乙医院,2,general,=HYPERLINK(1),62220212345678", "HPC,丙医院,2,general,,")
                .members("PP1,王强,320706198103032118,1,1981-03-03,in_service,2010-01-01",
                        "PP2,李娜,320706198204043123,2,1982-04-04,in_service,2010-01-01",
                        "PP3,张伟,320706198305054139,1,1983-05-05,in_service,2010-01-01")
                .averages("HPA,2046,10000.00", "HPB,2046,10000.00", "HPC,2046,10000.00")
                .load(referenceData, LocalDate.of(2046, 1, 1));
        jdbc.update("insert into budget values (2046, 3, 12000.00, now())");
        take(DischargeFile.of("HPA").row("A1", "MA1", "PP1", "2046-03-05", "2046-03-10", "4000"), "HPA");
        take(DischargeFile.of("HPB").row("B1", "MB1", "PP2", "2046-03-05", "2046-03-10", "4000"), "HPB");
        take(DischargeFile.of("HPC").row("C1", "MC1", "PP3", "2046-03-05", "2046-03-10", "4000"), "HPC");

        MonthEnd.Outcome run = monthEnd.run(MARCH, MonthEnd.Mode.APPROVE, JobRuns.Trigger.MANUAL);
        Path out = run.statements();

        try (InputStream in = Files.newInputStream(out.resolve("fund-summary-2046-03.xlsx"));
             XSSFWorkbook book = new XSSFWorkbook(in)) {
            Sheet summary = book.getSheet("汇总");
            assertMoney(infoValue(summary, "总额控制指标(元)"), new BigDecimal("12000.00"));
            assertMoney(infoValue(summary, "统筹应结合计(元)"), run.total(SettlementLine::due).amount());
            assertMoney(infoValue(summary, "分配合计(元)"), new BigDecimal("12000.00"));
            assertThat(infoValue(summary, "结算批次").getStringCellValue()).isEqualTo(Long.toString(run.runId()));

            Row header = rowStartingWith(summary, "机构编码");
            Map<String, Integer> columns = columns(header);
            Row totals = rowStartingWith(summary, "合计");
            assertStoredSum(totals.getCell(columns.get("本月拨付")), run.total(SettlementLine::paidNow).amount());
            assertStoredSum(totals.getCell(columns.get("分配额")), new BigDecimal("12000.00"));
            assertStoredSum(totals.getCell(columns.get("预留保证金")), run.total(SettlementLine::heldBack).amount());
            assertStoredSum(totals.getCell(columns.get("出院人次")), new BigDecimal("3"));

            assertPrintsOnePageWide(summary, header.getRowNum());
            assertPrintsOnePageWide(book.getSheet("个人账户划入"), rowStartingWith(book.getSheet("个人账户划入"), "来源").getRowNum());
            assertPrintsOnePageWide(book.getSheet("记账凭证"), rowStartingWith(book.getSheet("记账凭证"), "凭证号").getRowNum());
            assertThat(note(summary)).contains("分配额只是统筹基金按总额控制分配的金额")
                    .contains("本月拨付是三项之和：分配额、大额按实(大额/救助按实结算)和个账按实(个人账户按实结算)，各拨付90%")
                    .contains("以前期间的调整不在本月拨付内，另列为调整本月拨付")
                    .contains("本月实付 = 本月拨付 + 调整本月拨付 − 上期结转欠款");
            assertSignatureLines(summary, totals.getRowNum());
        }

        try (InputStream in = Files.newInputStream(out.resolve("statement-HPA-2046-03.xlsx"));
             XSSFWorkbook book = new XSSFWorkbook(in)) {
            Sheet statement = book.getSheet("结算单");
            Cell account = infoValue(statement, "银行账号");
            assertThat(account.getCellType()).as("an account is text: its leading zero stays").isEqualTo(CellType.STRING);
            assertThat(account.getStringCellValue()).isEqualTo("0471259230017");
            assertThat(infoValue(statement, "开户银行").getStringCellValue()).isEqualTo("中国银行连云港分行");
            assertThat(infoValue(statement, "出院人次").getNumericCellValue()).isEqualTo(1);
            assertThat(infoValue(statement, "出院人次").getCellStyle().getDataFormatString()).isEqualTo("#,##0");
            assertMoney(infoValue(statement, "核定均值(元)"), new BigDecimal("10000.00"));
            assertMoney(infoValue(statement, "总额控制指标(元)"), new BigDecimal("12000.00"));

            Row header = rowStartingWith(statement, "项目");
            assertPrintsOnePageWide(statement, header.getRowNum());
            assertThat(note(statement)).contains("本月拨付合计是三项之和：总额控制分配额、大额救助按实结算和个人账户按实结算，各拨付90%")
                    .contains("另列为以前期间调整本月拨付");
            assertSignatureLines(statement, rowStartingWith(statement, "结转下期欠款").getRowNum());
            Sheet discharges = book.getSheet("出院明细");
            assertPrintsOnePageWide(discharges, rowStartingWith(discharges, "结算ID").getRowNum());
        }
        try (InputStream in = Files.newInputStream(out.resolve("statement-HPB-2046-03.xlsx"));
             XSSFWorkbook book = new XSSFWorkbook(in)) {
            assertThat(infoValue(book.getSheet("结算单"), "开户银行").getStringCellValue()).isEqualTo("'=HYPERLINK(1)");
        }

        try (Reader reader = Files.newBufferedReader(out.resolve("payment-order-2046-03.csv"), StandardCharsets.UTF_8)) {
            assertThat(reader.read()).as("byte-order mark").isEqualTo(0xFEFF);
            CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader);
            assertThat(parser.getHeaderNames()).containsExactly("fixmedins_code", "fixmedins_name", "period",
                    "pooled_paid_now", "sup_paid_now", "acct_paid_now", "adjustment_paid_now", "owed_netted", "payment",
                    "run_id", "bank_name", "bank_account");
            List<CSVRecord> records = parser.getRecords();
            assertThat(records).extracting(r -> r.get("fixmedins_code")).containsExactly("HPA", "HPB", "HPC", "合计");
            assertThat(records.get(0).get("bank_name")).isEqualTo("中国银行连云港分行");
            assertThat(records.get(0).get("bank_account")).isEqualTo("0471259230017");
            assertThat(records.get(1).get("bank_name")).as("escaped like every text").isEqualTo("'=HYPERLINK(1)");
            assertThat(records.get(2).get("bank_name")).isEmpty();
            assertThat(records.get(2).get("bank_account")).isEmpty();
            CSVRecord total = records.get(3);
            assertThat(total.get("payment")).isEqualTo(run.total(l -> l.payment().paid()).toString());
            assertThat(total.get("pooled_paid_now")).isEqualTo(run.total(l -> l.pooled().paidNow()).toString());
            assertThat(total.get("acct_paid_now")).isEqualTo("0.00");
            assertThat(total.get("owed_netted")).isEqualTo("0.00");
            assertThat(total.get("run_id")).isEmpty();
            assertThat(total.get("bank_account")).isEmpty();
        }
    }

    private void take(DischargeFile file, String institution) {
        Path path = file.write(dir.resolve(institution + "-" + MARCH + ".csv"));
        DischargeIntake.Outcome outcome = intake.intake(path, institution, MARCH, dir, JobRuns.Trigger.MANUAL);
        assertThat(outcome.rowsRejected()).as(outcome.message()).isZero();
    }

    private static void assertMoney(Cell cell, BigDecimal expected) {
        assertThat(cell.getCellType()).as("a figure is a number").isEqualTo(CellType.NUMERIC);
        assertThat(BigDecimal.valueOf(cell.getNumericCellValue()).setScale(2, RoundingMode.HALF_UP)).isEqualByComparingTo(expected);
        assertThat(cell.getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
    }

    /** The total keeps its SUM formula and stores its result, read without evaluating anything. */
    private static void assertStoredSum(Cell cell, BigDecimal expected) {
        assertThat(cell.getCellType()).isEqualTo(CellType.FORMULA);
        assertThat(cell.getCellFormula()).startsWith("SUM(");
        assertThat(cell.getCachedFormulaResultType()).isEqualTo(CellType.NUMERIC);
        assertThat(BigDecimal.valueOf(cell.getNumericCellValue()).setScale(2, RoundingMode.HALF_UP)).isEqualByComparingTo(expected);
    }

    private static void assertPrintsOnePageWide(Sheet sheet, int headerRow) {
        assertThat(sheet.getPrintSetup().getLandscape()).as(sheet.getSheetName()).isTrue();
        assertThat(sheet.getFitToPage()).as(sheet.getSheetName()).isTrue();
        assertThat(sheet.getPrintSetup().getFitWidth()).as(sheet.getSheetName()).isEqualTo((short) 1);
        assertThat(sheet.getPrintSetup().getFitHeight()).as(sheet.getSheetName()).isEqualTo((short) 0);
        assertThat(sheet.getRepeatingRows()).as(sheet.getSheetName() + ": the header row on every page")
                .isEqualTo(CellRangeAddress.valueOf((headerRow + 1) + ":" + (headerRow + 1)));
    }

    /** The signature row comes after {@code below}: four labels, each followed by a blank to sign on. */
    private static void assertSignatureLines(Sheet sheet, int below) {
        Row signatures = rowStartingWith(sheet, "制表：");
        assertThat(signatures.getRowNum()).isGreaterThan(below);
        assertThat(List.of(2, 4, 6).stream().map(c -> signatures.getCell(c).getStringCellValue()))
                .containsExactly("复核：", "审批：", "日期：");
        for (int c : new int[] {1, 3, 5, 7}) {
            assertThat(signatures.getCell(c).getCellType()).isEqualTo(CellType.BLANK);
        }
    }

    private static String note(Sheet sheet) {
        for (Row row : sheet) {
            Cell first = row.getCell(0);
            if (first != null && first.getCellType() == CellType.STRING && first.getStringCellValue().startsWith("说明：")) {
                return first.getStringCellValue();
            }
        }
        throw new AssertionError("no note in sheet " + sheet.getSheetName());
    }

    private static Cell infoValue(Sheet sheet, String key) {
        return rowStartingWith(sheet, key).getCell(1);
    }

    private static Row rowStartingWith(Sheet sheet, String text) {
        for (Row row : sheet) {
            Cell first = row.getCell(0);
            if (first != null && first.getCellType() == CellType.STRING && first.getStringCellValue().equals(text)) {
                return row;
            }
        }
        throw new AssertionError("no row starting with " + text + " in sheet " + sheet.getSheetName());
    }

    private static Map<String, Integer> columns(Row header) {
        Map<String, Integer> columns = new HashMap<>();
        header.forEach(cell -> columns.put(cell.getStringCellValue(), cell.getColumnIndex()));
        return columns;
    }
}
