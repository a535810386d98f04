package io.medsettle.monthend;

import static io.medsettle.ledger.ChartOfAccounts.holdbackPayable;
import static io.medsettle.ledger.ChartOfAccounts.institutionPayable;
import static io.medsettle.ledger.ChartOfAccounts.unpaidOverBudget;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medsettle.ledger.Ledger;
import io.medsettle.ledger.Money;
import io.medsettle.runs.JobRuns;
import io.medsettle.settlement.SettlementLine;
import io.medsettle.support.MedsettleSpringTest;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The monthEnd job end to end on a real database: preview, approval, statements reopened with POI
 * and read back with Commons CSV, every figure checked against the ledger.
 */
class MonthEndJobTest extends MedsettleSpringTest {

    private static final YearMonth MAY = YearMonth.of(2025, 5);
    private static final YearMonth JUNE = YearMonth.of(2025, 6);

    @Autowired
    MonthEnd monthEnd;

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void approvedStatementsShowTheLedgersFiguresCellByCell() throws Exception {
        referenceData();
        jdbc.update("insert into budget values (2025, 5, 12000.00, now())");
        long file = file("HMJ1", MAY);
        // HMJ1 (level 3, average 10000): member self-pay 10 + 3000 − 2000 = 1010.00, due 8990.00
        // HMJ2 (level 2, average 5000): self-pay 10 + 800 − 500 = 310.00, due 4690.00; HMJ3 has no discharges.
        settlement(file, "HMJ1", "MJ1", "PMJ1", MAY, "3000.00", "2000.00", "120.00");
        settlement(file, "HMJ2", "MJ2", "PMJ2", MAY, "800.00", "500.00", "0.00");

        MonthEnd.Outcome preview = monthEnd.run(MAY, MonthEnd.Mode.PREVIEW, JobRuns.Trigger.MANUAL);
        assertThat(preview.approved()).isFalse();
        assertThat(preview.statements()).isEqualTo(HOME.resolve("out/2025-05/draft"));
        assertThat(preview.statements().resolve("fund-summary-2025-05.xlsx")).exists();
        assertThat(jdbc.queryForObject("select count(*) from journal_entry where idempotency_key like 'month-end:2025-05:%'",
                Integer.class)).as("a preview posts nothing").isZero();

        MonthEnd.Outcome run = monthEnd.run(MAY, MonthEnd.Mode.APPROVE, JobRuns.Trigger.MANUAL);

        assertThat(run.approved()).isTrue();
        Path out = HOME.resolve("out/2025-05");
        assertThat(run.statements()).isEqualTo(out);
        // Σ due 13680.00 > 12000.00: 7885.96 and 4114.04 by the largest remainder (MonthEndRunsTest works it).
        SettlementLine h1 = line(run, "HMJ1");
        SettlementLine h2 = line(run, "HMJ2");
        assertThat(h1.allocated()).isEqualTo(Money.of("7885.96"));
        assertThat(h2.allocated()).isEqualTo(Money.of("4114.04"));
        assertThat(run.lines()).as("DOMAIN.md §2: an institution with nothing in the period does not appear")
                .extracting(SettlementLine::code).containsExactly("HMJ1", "HMJ2");

        LocalDate end = MAY.atEndOfMonth();
        Map<String, BigDecimal> expectedPaidNow = new HashMap<>();
        for (String code : List.of("HMJ1", "HMJ2")) {
            // What the institution was credited this month and paid by the payment entry.
            expectedPaidNow.put(code, credited(code, MAY));
        }

        try (InputStream in = Files.newInputStream(out.resolve("fund-summary-2025-05.xlsx"));
             XSSFWorkbook book = new XSSFWorkbook(in)) {
            Sheet summary = book.getSheet("汇总");
            Map<String, Integer> columns = headerColumns(summary, "机构编码");
            FormulaEvaluator formulas = book.getCreationHelper().createFormulaEvaluator();
            for (String code : List.of("HMJ1", "HMJ2")) {
                Row row = rowStartingWith(summary, code);
                assertThat(money(row, columns.get("本月拨付"))).as(code + " paid now").isEqualByComparingTo(expectedPaidNow.get(code));
                assertThat(money(row, columns.get("预留保证金"))).as(code + " held back")
                        .isEqualByComparingTo(ledger.balance(holdbackPayable(code), end).negate().amount());
                assertThat(money(row, columns.get("超总额未结付"))).as(code + " unpaid over budget")
                        .isEqualByComparingTo(ledger.balance(unpaidOverBudget(code), end).negate().amount());
                assertThat(ledger.balance(institutionPayable(code), end)).as(code + " payable settled by the payment order")
                        .isEqualTo(Money.ZERO);
            }
            Row totals = rowStartingWith(summary, "合计");
            Cell paidTotal = totals.getCell(columns.get("本月拨付"));
            assertThat(paidTotal.getCellType()).isEqualTo(CellType.FORMULA);
            assertThat(BigDecimal.valueOf(formulas.evaluate(paidTotal).getNumberValue()).setScale(2, java.math.RoundingMode.HALF_UP))
                    .isEqualByComparingTo(run.total(SettlementLine::paidNow).amount());
            assertThat(formulas.evaluate(totals.getCell(columns.get("分配额"))).getNumberValue()).isEqualTo(12000.00);
            assertThat(summary.getPaneInformation().isFreezePane()).isTrue();
            assertThat(((XSSFSheet) book.getSheet("图表")).getDrawingPatriarch().getCharts()).hasSize(1);

            Sheet postings = book.getSheet("记账凭证");
            int posted = jdbc.queryForObject("""
                    select count(*) from posting p join journal_entry e on e.entry_id = p.entry_id
                     where e.idempotency_key like 'month-end:2025-05:%'""", Integer.class);
            Map<String, Integer> postingColumns = headerColumns(postings, "凭证号");
            int headerRow = rowStartingWith(postings, "凭证号").getRowNum();
            assertThat(postings.getLastRowNum() - headerRow - 1).as("one row per posting, then the totals").isEqualTo(posted);
            Row postingTotals = rowStartingWith(postings, "合计");
            assertThat(formulas.evaluate(postingTotals.getCell(postingColumns.get("借方"))).getNumberValue())
                    .isEqualTo(formulas.evaluate(postingTotals.getCell(postingColumns.get("贷方"))).getNumberValue());
        }

        try (InputStream in = Files.newInputStream(out.resolve("statement-HMJ1-2025-05.xlsx"));
             XSSFWorkbook book = new XSSFWorkbook(in)) {
            Sheet statement = book.getSheet("结算单");
            assertThat(statement.getRow(0).getCell(0).getStringCellValue()).contains("甲医院").doesNotContain("草稿");
            assertThat(money(rowStartingWith(statement, "本月拨付合计"), 1)).isEqualByComparingTo(expectedPaidNow.get("HMJ1"));
            assertThat(money(rowStartingWith(statement, "总额控制分配额"), 1)).isEqualByComparingTo("7885.96");
            Sheet discharges = book.getSheet("出院明细");
            Map<String, Integer> columns = headerColumns(discharges, "结算ID");
            Row mj1 = rowStartingWith(discharges, "MJ1");
            assertThat(mj1.getCell(columns.get("证件号码")).getStringCellValue()).isEqualTo("320706********1230");
            assertThat(mj1.getCell(columns.get("姓名")).getStringCellValue()).as("formula-like text escaped").isEqualTo("'=王伟");
            assertThat(mj1.getCell(columns.get("统筹差额(核算−申报)")).getNumericCellValue()).isEqualTo(120.00);
        }

        try (Reader reader = Files.newBufferedReader(out.resolve("settlement-2025-05.csv"), StandardCharsets.UTF_8)) {
            assertThat(reader.read()).as("byte-order mark").isEqualTo(0xFEFF);
            List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(reader).getRecords();
            assertThat(records).hasSize(run.lines().size());
            for (CSVRecord record : records) {
                SettlementLine l = line(run, record.get("fixmedins_code"));
                assertThat(record.get("due")).isEqualTo(l.due().toString());
                assertThat(record.get("allocated")).isEqualTo(l.allocated().toString());
                assertThat(record.get("paid_now")).isEqualTo(l.paidNow().toString());
                assertThat(record.get("held_back")).isEqualTo(l.heldBack().toString());
                assertThat(record.get("control_total")).isEqualTo("12000.00");
            }
        }
        List<String> paymentOrder = Files.readAllLines(out.resolve("payment-order-2025-05.csv"));
        assertThat(String.join("\n", paymentOrder)).contains("HMJ1,甲医院,2025-05").doesNotContain("HMJ3");
        assertThat(ledger.trialBalance(end).isBalanced()).isTrue();

        assertThatThrownBy(() -> monthEnd.run(MAY, MonthEnd.Mode.APPROVE, JobRuns.Trigger.MANUAL))
                .isInstanceOf(MonthEnd.PeriodClosedException.class)
                .hasMessageContaining("2025-05 was approved before");
    }

    @Test
    void anApprovalStoppedAfterPostingCompletesWhenRunAgainAndPostsNothingTwice() throws Exception {
        referenceData();
        long file = file("HMJ1", JUNE);
        settlement(file, "HMJ1", "MJ6", "PMJ1", JUNE, "3000.00", "2000.00", "0.00");
        // The statements cannot be written: a file stands where the period's folder must go.
        Path blocker = HOME.resolve("out/2025-06");
        Files.createDirectories(blocker.getParent());
        Files.writeString(blocker, "in the way");

        assertThatThrownBy(() -> monthEnd.run(JUNE, MonthEnd.Mode.APPROVE, JobRuns.Trigger.MANUAL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("did not complete");
        int entries = jdbc.queryForObject("select count(*) from journal_entry where idempotency_key like 'month-end:2025-06:%'",
                Integer.class);
        assertThat(entries).as("the settlement step committed").isPositive();
        assertThat(ledger.isClosed(JUNE)).isTrue();

        Files.delete(blocker);
        MonthEnd.Outcome resumed = monthEnd.run(JUNE, MonthEnd.Mode.APPROVE, JobRuns.Trigger.MANUAL);

        assertThat(resumed.approved()).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from journal_entry where idempotency_key like 'month-end:2025-06:%'",
                Integer.class)).isEqualTo(entries);
        assertThat(jdbc.queryForObject("select count(*) from month_end_run where period = '2025-06'", Integer.class)).isEqualTo(1);
        assertThat(blocker.resolve("fund-summary-2025-06.xlsx")).exists();
        assertThat(blocker.resolve("statement-HMJ1-2025-06.xlsx")).exists();
    }

    private BigDecimal credited(String code, YearMonth period) {
        return jdbc.queryForObject("""
                select coalesce(sum(p.amount), 0) from posting p join journal_entry e on e.entry_id = p.entry_id
                 where e.idempotency_key = ? and p.account_code = ?""", BigDecimal.class,
                "month-end:" + period + ":" + code + ":payment", institutionPayable(code).value());
    }

    private void referenceData() {
        jdbc.update("""
                insert into institution (fixmedins_code, valid_from, fixmedins_name, hosp_lv, inst_kind, loaded_at)
                values ('HMJ1', date '0001-01-01', '甲医院', 3, 'general', now()),
                       ('HMJ2', date '0001-01-01', '乙医院', 2, 'general', now()),
                       ('HMJ3', date '0001-01-01', '丙药店', 0, 'pharmacy', now())
                on conflict do nothing""");
        jdbc.update("""
                insert into member (psn_no, valid_from, psn_name, certno, gend, brdy, psn_type, insu_begn_date, loaded_at)
                values ('PMJ1', date '0001-01-01', '=王伟', '320706199001011230', '1', date '1990-01-01', 'in_service',
                        date '2010-01-01', now()),
                       ('PMJ2', date '0001-01-01', '李娜', '320706199201011234', '2', date '1992-01-01', 'in_service',
                        date '2012-01-01', now())
                on conflict do nothing""");
        jdbc.update("""
                insert into approved_average values ('HMJ1', 2025, 10000.00, now()), ('HMJ2', 2025, 5000.00, now())
                on conflict do nothing""");
    }

    private long file(String institution, YearMonth period) {
        return jdbc.queryForObject("""
                insert into intake_file (sha256, fixmedins_code, period, file_name, status, received_at, finished_at)
                values (?, ?, ?, 'f.csv', 'LOADED', now(), now()) returning file_id""", Long.class,
                (institution + period).repeat(8).substring(0, 64), institution, period.toString());
    }

    private void settlement(long file, String institution, String setlId, String psnNo, YearMonth period, String inscp,
                            String hifp, String reportedBelow) {
        LocalDate day = period.atDay(5);
        jdbc.update("""
                insert into settlement (fixmedins_code, setl_id, file_id, line_no, mdtrt_id, psn_no, med_type, begndate,
                    enddate, setl_time, period, benefit_year, medfee_sumamt, fulamt_ownpay_amt, overlmt_selfpay, clab_amt,
                    nego_antitumor_amt, implant_dom_amt, implant_jv_amt, implant_imp_amt, lrg_equip_amt, transplant_amt,
                    chemo_flag, offsite_type, refd_setl_flag, eligible, preselfpay_amt, inscp_scp_amt, act_pay_dedc,
                    hifp_pay, overcap_amt, hifob_pay, psn_part_amt, acct_pay, rpt_hifp_pay, diff_flag)
                values (?, ?, ?, 1, ?, ?, '21', ?, ?, ?, ?, ?, 5000, 0, 0, 0, 0, 0, 0, 0, 0, 0, false, 'local', false,
                    true, 10.00, ?::numeric, 0, ?::numeric, 0, 0, 0, 0, ?::numeric - ?::numeric, ?::numeric > 0)""",
                institution, setlId, file, "M" + setlId, psnNo, day.minusDays(4), day, day.atTime(10, 0),
                period.toString(), period.getYear(), inscp, hifp, hifp, reportedBelow, reportedBelow);
    }

    private static SettlementLine line(MonthEnd.Outcome run, String code) {
        return run.lines().stream().filter(l -> l.code().equals(code)).findFirst().orElseThrow();
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

    private static Map<String, Integer> headerColumns(Sheet sheet, String firstHeader) {
        Row header = rowStartingWith(sheet, firstHeader);
        Map<String, Integer> columns = new HashMap<>();
        header.forEach(cell -> columns.put(cell.getStringCellValue(), cell.getColumnIndex()));
        return columns;
    }

    private static BigDecimal money(Row row, int column) {
        return BigDecimal.valueOf(row.getCell(column).getNumericCellValue()).setScale(2, java.math.RoundingMode.HALF_UP);
    }
}
