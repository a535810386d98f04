package io.medsettle.yearend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medsettle.accountbook.AccountBook;
import io.medsettle.accountbook.AccountFileKind;
import io.medsettle.accountbook.AccountFiles;
import io.medsettle.accounts.InterestMethod;
import io.medsettle.ledger.Ledger;
import io.medsettle.reference.ReferenceFileLoader;
import io.medsettle.reference.ReferenceKind;
import io.medsettle.runs.JobRuns;
import io.medsettle.support.DischargeFile;
import io.medsettle.support.MedsettleSpringTest;
import io.medsettle.support.ReferenceFiles;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The year-end of 2050 under lianyungang-2000 (DOMAIN.md §3 and §4), worked by hand. The year's twelve
 * approved month-ends are written as the month-end stores them, with chosen figures, so that each rule
 * shows: a score of 95 (everything released), 75.5 (three quarters, the forfeited part split over the
 * streams by the largest remainder), 50 (nothing, a pharmacy's account stream); a surplus larger than
 * the unpaid total; interest at the demand rate across a rate change, an account closed in the year
 * (no year-end interest) and one closed in the next year before the year-end (credited, then paid out).
 */
class YearEndRunsTest extends MedsettleSpringTest {

    /**
     * A context, and so a database, of its own: the test approves twelve months of 2050 and a year-end,
     * which other tests sharing a database would find in their way (and their members' ID numbers).
     */
    @org.springframework.test.context.DynamicPropertySource
    static void ownDatabase(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("medsettle.test.context", () -> "year-end-runs");
    }

    private static final int YEAR = 2050;

    @Autowired
    YearEnd yearEnd;

    @Autowired
    AccountFiles accountFiles;

    @Autowired
    AccountBook book;

    @Autowired
    ReferenceFileLoader referenceData;

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    YearInterest yearInterest;

    @Autowired
    io.medsettle.intake.DischargeIntake intake;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    javax.sql.DataSource dataSource;

    @TempDir
    Path dir;

    @Test
    void closesTheYearAsWorkedByHand() throws Exception {
        assertThatThrownBy(() -> yearEnd.run(YEAR, YearEnd.Mode.PREVIEW, JobRuns.Trigger.MANUAL))
                .isInstanceOf(YearEnd.NotReadyException.class)
                .hasMessageContaining("12 month(s) have no approved month-end (2050-01, 2050-02, ")
                .hasMessageContaining("2050-12");
        ReferenceFiles.in(dir.resolve("refs"))
                .institutions("YHA,甲医院,2,general", "YHB,=乙医院+1,2,general", "YPC,丙药房,0,pharmacy")
                .members("YM1,赵一,32070619800707123X,1,1980-07-07,in_service,2010-01-01",
                        "YM2,钱二,320706195008081233,1,1950-08-08,retired,2000-01-01",
                        "YM3,孙三,320706199009091239,1,1990-09-09,in_service,2015-01-01")
                .load(referenceData, LocalDate.of(2040, 1, 1));
        referenceData.load(ReferenceKind.INTEREST_RATES, write("interest-rates.csv", """
                effective_date,kind,annual_rate
                2040-01-01,demand,0.0035
                2040-01-01,time_3m,0.0110
                2050-07-01,demand,0.0025
                2050-07-01,time_3m,0.0105
                """), LocalDate.of(2040, 1, 1));
        accountFiles.load(AccountFileKind.ACCOUNT_OPENINGS, write("openings.csv", """
                psn_no,as_of_date,balance
                YM1,2049-12-31,10000.00
                YM2,2049-12-31,2000.00
                YM3,2049-12-31,3600.00
                """));
        // YM2 dies in the year (interest to the day before, paid to the heir); YM3 transfers out in 2051,
        // loaded before the year-end of 2050.
        accountFiles.load(AccountFileKind.ACCOUNT_EVENTS, write("events.csv", """
                psn_no,event,event_date,amount,counterparty
                YM2,death,2050-06-01,,钱小二
                YM3,transfer_out,2051-01-10,,320100
                """));
        // Settlements behind YHA's proposal: one stay in 2049 (1,600.00), two in 2050 (1,000.00 and 3,000.00).
        intake.intake(DischargeFile.of("YHA").row("S49", "T49", "YM1", "2049-05-03", "2049-05-08", "1600")
                .write(dir.resolve("yha-2049-05.csv")), "YHA", java.time.YearMonth.of(2049, 5), dir, JobRuns.Trigger.MANUAL);
        intake.intake(DischargeFile.of("YHA").row("S50A", "T50A", "YM1", "2050-03-03", "2050-03-08", "1000")
                        .row("S50B", "T50B", "YM3", "2050-03-10", "2050-03-18", "3000").write(dir.resolve("yha-2050-03.csv")),
                "YHA", java.time.YearMonth.of(2050, 3), dir, JobRuns.Trigger.MANUAL);
        monthEnds();

        assertThatThrownBy(() -> yearEnd.run(YEAR, YearEnd.Mode.PREVIEW, JobRuns.Trigger.MANUAL))
                .isInstanceOf(YearEnd.NotReadyException.class)
                .hasMessageContaining("3 institution(s) held amounts back in 2050 and have no assessment score for it "
                        + "(YHA 甲医院, YHB =乙医院+1, YPC 丙药房")
                .hasMessageNotContaining("month(s)");
        referenceData.load(ReferenceKind.ASSESSMENT_SCORES, write("scores.csv", """
                fixmedins_code,year,score
                YHA,2050,95
                YHB,2050,75.5
                YPC,2050,50
                """), LocalDate.of(2040, 1, 1));

        // split_rate (the national rule) on the same accounts, computed as the year-end computes it and rolled
        // back: the openings are money carried over, at the three-month rate, 1.10 % to 30 June, 1.05 % after:
        //   YM1 10,000.00 × (181 × 0.0110 + 184 × 0.0105) / 360 = 39230 / 360 = 108.972… → 108.97
        //   YM3  3,600.00 × the same = 14122.8 / 360 = 39.23
        List<String> splitRate = new TransactionTemplate(transactions).execute(status -> {
            status.setRollbackOnly();
            yearInterest.compute(-1, YEAR, InterestMethod.SPLIT_RATE);
            return jdbc.queryForList("""
                    select psn_no || ' ' || interest || coalesce(' ' || closed_on || ' ' || event || ' ' || counterparty, '')
                      from year_end_interest where run_id = -1 order by psn_no""", String.class);
        });
        // YM2 closed in the year and was credited then; YM3 closes after it, is credited, and its closure is noted.
        assertThat(splitRate).containsExactly("YM1 108.97", "YM3 39.23 2051-01-10 transfer_out 320100");

        // Two operators at once: while another process runs the year's close (it holds the year's lock), an
        // approval is refused at once, naming the run, and posts nothing.
        try (java.sql.Connection other = dataSource.getConnection(); java.sql.Statement s = other.createStatement()) {
            s.execute("select pg_advisory_lock(" + 0x4D53 + ", " + YearEnd.lockKey(YEAR).hashCode() + ")");
            assertThatThrownBy(() -> yearEnd.run(YEAR, YearEnd.Mode.APPROVE, JobRuns.Trigger.MANUAL))
                    .isInstanceOf(io.medsettle.runs.RunInProgressException.class).hasMessageContaining("is already running");
            s.execute("select pg_advisory_unlock(" + 0x4D53 + ", " + YearEnd.lockKey(YEAR).hashCode() + ")");
        }
        assertThat(count("select count(*) from year_end_run")).as("nothing was run").isZero();

        YearEnd.Outcome preview = yearEnd.run(YEAR, YearEnd.Mode.PREVIEW, JobRuns.Trigger.MANUAL);
        assertThat(preview.approved()).isFalse();
        assertThat(count("select count(*) from journal_entry where idempotency_key like 'year-end:%'")).as("a preview posts nothing")
                .isZero();
        assertThat(HOME.resolve("out/2050/draft/year-end-2050.csv")).exists();

        YearEnd.Outcome outcome = yearEnd.run(YEAR, YearEnd.Mode.APPROVE, JobRuns.Trigger.MANUAL);

        // The release (DOMAIN.md §3): YHA 95 → 1; YHB 75.5 → 0.755: round2(57.33 × 0.755 = 43.28415) = 43.28,
        // forfeited 14.05 split 50.00 : 7.33 → quotas 12.2536… and 1.7963…, floors 12.25 + 1.79, the fen left
        // to the larger remainder (the account stream): 12.25 and 1.80; YPC 50 → 0, its 20.00 forfeited.
        // Surplus: January 2000 − 1400, nine months 2000 − 900, July 1000 − 1000, December without a control
        // total: 10,500.00 ≥ the 500.00 unpaid, so each is paid its unpaid amount.
        assertThat(Files.readAllLines(HOME.resolve("out/2050/year-end-2050.csv"), StandardCharsets.UTF_8)).containsExactly(
                "\uFEFFfixmedins_code,fixmedins_name,held_back,score,release_rate,released,forfeited,unpaid_over_budget,"
                        + "compensation,proposed_avg",
                "YHA,甲医院,1200.00,95,1,1200.00,0.00,300.00,300.00,1890.00",
                "YHB,'=乙医院+1,57.33,75.5,0.755,43.28,14.05,200.00,200.00,",
                "YPC,丙药房,20.00,50,0,0.00,20.00,0.00,0.00,");
        // YHA's proposal (DOMAIN.md §3): actual averages 1,600.00 (2049) and 4,000.00 / 2 = 2,000.00 (2050);
        // mean 1,800.00 × 1.05 = 1,890.00, written for next year's load.
        assertThat(Files.readAllLines(HOME.resolve("out/2050/approved-averages.csv"), StandardCharsets.UTF_8))
                .containsExactly("\uFEFFfixmedins_code,year,approved_avg", "YHA,2051,1890.00");
        assertThat(postings("year-end:2050:YHB:release")).containsExactly("2203.YHB 57.33", "2202.YHB -43.28", "3001 -14.05");
        assertThat(postings("year-end:2050:YPC:release")).containsExactly("2203.YPC 20.00", "3001 -20.00");
        assertThat(postings("year-end:2050:YHA:over-budget")).containsExactly("2204.YHA 300.00", "2202.YHA -300.00");
        assertThat(postings("year-end:2050:YHA:payment")).containsExactly("2202.YHA 1500.00", "1002.02 -1500.00");
        assertThat(postings("year-end:2050:YPC:payment")).as("nothing to pay").isEmpty();
        assertThat(jdbc.queryForList("select forfeited_pooled || ' ' || forfeited_acct from year_end_line where fixmedins_code = 'YHB'",
                String.class)).containsExactly("12.25 1.80", "12.25 1.80");

        // Interest, actual/360, 1 January – 31 December 2050, 0.35 % to 30 June (181 days), 0.25 % after (184):
        //   YM1 10,000.00 × (181 × 0.0035 + 184 × 0.0025) / 360 = 10935 / 360 = 30.375 → 30.38
        //   YM3  3,600.00 × the same                           = 3936.6 / 360 = 10.935 → 10.94, paid out after
        //        its transfer of 10 January 2051 (the balance went then; the interest follows it)
        //   YM2 closed on 1 June 2050: its interest was credited then (2,000.00 × 151 × 0.0035 / 360 = 2.94).
        assertThat(outcome.summary().interest()).as(book.movements("YM3").toString()).hasToString("41.32");
        assertThat(outcome.summary().interestAccounts()).isEqualTo(2);
        assertThat(book.movements("YM1").stream().map(m -> m.kind() + " " + m.valueDate() + " " + m.amount()))
                .containsExactly("OPENING 2049-12-31 10000.00", "INTEREST 2050-12-31 30.38");
        assertThat(book.movements("YM3").stream().map(m -> m.kind() + " " + m.valueDate() + " " + m.amount()))
                .contains("INTEREST 2050-12-31 10.94", "PAID_OUT 2051-01-10 -10.94");
        assertThat(Money.balance(book.movements("YM3"))).isEqualTo("0.00");
        assertThat(postings("year-end:2050:interest")).containsExactly("5101 41.32", "2301 -41.32");
        assertThat(postings("year-end:2050:interest-paid-out:transfer_out:heir")).containsExactly("2301 10.94", "2401 -10.94");
        assertThat(jdbc.queryForObject("select min(entry_date)::text from journal_entry where idempotency_key like 'year-end:2050:%'",
                String.class)).as("posted in the first open month after the year").isEqualTo("2051-01-01");
        assertThat(book.agreesWithLedger()).isTrue();
        assertThat(ledger.trialBalance(LocalDate.of(9999, 12, 31)).isBalanced()).isTrue();

        // accounts-2050.csv: opening, allocated, spent, interest, transferred in, paid out, closing.
        assertThat(Files.readAllLines(HOME.resolve("out/2050/accounts-2050.csv"), StandardCharsets.UTF_8)).containsExactly(
                "\uFEFFpsn_no,opening_balance,allocated,spent,interest,transferred_in,paid_out,closing_balance",
                "YM1,10000.00,0.00,0.00,30.38,0.00,0.00,10030.38",
                "YM2,2000.00,0.00,0.00,2.94,0.00,2002.94,0.00",
                "YM3,3600.00,0.00,0.00,10.94,0.00,0.00,3610.94");
        assertThat(Files.readAllLines(HOME.resolve("out/2050/payment-order-2050.csv"), StandardCharsets.UTF_8))
                .contains("YHA,甲医院,2050,1200.00,300.00,1500.00," + outcome.runId() + ",,",
                        "YHB,'=乙医院+1,2050,43.28,200.00,243.28," + outcome.runId() + ",,")
                .last().asString().startsWith("合计,,2050,1243.28,500.00,1743.28");

        // The workbook, opened back: the summary's figures are the CSV's, and its postings sheet is the ledger's.
        try (InputStream in = Files.newInputStream(HOME.resolve("out/2050/year-end-2050.xlsx"));
             Workbook workbook = new XSSFWorkbook(in)) {
            Sheet summary = workbook.getSheet("年终清算汇总");
            Row hb = rowOf(summary, "YHB");
            assertThat(hb.getCell(5).getNumericCellValue()).isEqualTo(43.28);
            assertThat(hb.getCell(6).getNumericCellValue()).isEqualTo(14.05);
            // A name that a spreadsheet would take for a formula stays text, escaped like the month-end's.
            assertThat(hb.getCell(1).getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.STRING);
            assertThat(hb.getCell(1).getStringCellValue()).isEqualTo("'=乙医院+1");
            assertThat(workbook.getSheet("图表")).isNotNull();
            assertThat(workbook.getSheet("个人账户计息")).isNotNull();
            Sheet entries = workbook.getSheet("记账凭证");
            BigDecimal debits = BigDecimal.ZERO;
            for (Row row : entries) {
                if (row.getCell(1) != null && row.getCell(1).getStringCellValue().startsWith("year-end:2050:")
                        && row.getCell(6) != null) {
                    debits = debits.add(BigDecimal.valueOf(row.getCell(6).getNumericCellValue()));
                }
            }
            assertThat(debits.setScale(2, java.math.RoundingMode.HALF_UP)).isEqualByComparingTo(jdbc.queryForObject("""
                    select sum(p.amount) from posting p join journal_entry e on e.entry_id = p.entry_id
                     where e.idempotency_key like 'year-end:2050:%' and p.amount > 0""", BigDecimal.class));
        }
        try (InputStream in = Files.newInputStream(HOME.resolve("out/2050/year-end-YHB-2050.xlsx"));
             Workbook workbook = new XSSFWorkbook(in)) {
            List<String> names = new java.util.ArrayList<>();
            for (Sheet sheet : workbook) {
                for (Row row : sheet) {
                    row.forEach(cell -> {
                        if (cell.toString().contains("乙医院")) {
                            names.add(cell.getCellType() + " " + cell);
                        }
                    });
                }
            }
            assertThat(names).as("the hospital's own workbook names it, always as text that is no formula").isNotEmpty()
                    .allMatch(name -> name.startsWith("STRING ") && !name.startsWith("STRING ="));
        }

        // The year is closed: approving again is refused, and nothing is posted twice.
        long entries = count("select count(*) from journal_entry where idempotency_key like 'year-end:%'");
        assertThatThrownBy(() -> yearEnd.run(YEAR, YearEnd.Mode.APPROVE, JobRuns.Trigger.MANUAL))
                .isInstanceOf(YearEnd.YearClosedException.class).hasMessageContaining("was approved before");
        assertThat(count("select count(*) from journal_entry where idempotency_key like 'year-end:%'")).isEqualTo(entries);
        assertThat(count("select count(*) from year_end_interest where run_id = " + preview.runId()))
                .as("the preview's interest rows went with the approval").isZero();
    }

    /** Twelve approved month-ends of 2050 as the month-end stores them: control totals and lines. */
    private void monthEnds() {
        for (int m = 1; m <= 12; m++) {
            String period = "2050-%02d".formatted(m);
            BigDecimal control = m == 12 ? null : new BigDecimal(m == 7 ? "1000.00" : "2000.00");
            long run = jdbc.queryForObject("""
                    insert into month_end_run (period, status, profile, method, control_total, holdback_rate, computed_at,
                                               approved_at)
                    values (?, 'APPROVED', 'lianyungang-2000', 'AVERAGE_COST', ?, 0.10, now(), now()) returning run_id""",
                    Long.class, period, control);
            line(run, "YHA", "甲医院", m == 7 ? "700.00" : "900.00", "90.00", "10.00", "0.00", m == 7 ? "300.00" : "0.00");
            if (m == 1) {
                line(run, "YHB", "=乙医院+1", "500.00", "50.00", "0.00", "7.33", "0.00");
            }
            if (m == 7) {
                line(run, "YHB", "=乙医院+1", "300.00", "0.00", "0.00", "0.00", "200.00");
            }
            if (m == 3) {
                line(run, "YPC", "丙药房", "0.00", "0.00", "0.00", "20.00", "0.00");
            }
        }
    }

    private void line(long run, String code, String name, String allocated, String pooledHeld, String supHeld,
                      String acctHeld, String unpaid) {
        jdbc.update("""
                        insert into month_end_line (run_id, fixmedins_code, fixmedins_name, hosp_lv, discharges, approved_avg,
                               avg_amount, member_selfpay, computed_due, due, actual_fund_pay, allocated, unpaid_over_budget,
                               pooled_paid_now, pooled_held_back, sup_actual, sup_paid_now, sup_held_back, acct_settled,
                               acct_paid_now, acct_held_back)
                        values (?, ?, ?, 2, 0, 0, 0, 0, 0, 0, 0, ?, ?, 0, ?, 0, 0, ?, 0, 0, ?)""",
                run, code, name, new BigDecimal(allocated), new BigDecimal(unpaid), new BigDecimal(pooledHeld),
                new BigDecimal(supHeld), new BigDecimal(acctHeld));
    }

    private Path write(String name, String body) throws Exception {
        return Files.writeString(dir.resolve(name), body, StandardCharsets.UTF_8);
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    private List<String> postings(String key) {
        return jdbc.queryForList("""
                        select p.account_code || ' ' || p.amount from posting p join journal_entry e on e.entry_id = p.entry_id
                         where e.idempotency_key = ? order by p.line_no""", String.class, key);
    }

    private static Row rowOf(Sheet sheet, String code) {
        for (Row row : sheet) {
            if (row.getCell(0) != null && code.equals(row.getCell(0).toString())) {
                return row;
            }
        }
        throw new AssertionError("no row " + code);
    }

    /** The balance of movements, as text. */
    private static final class Money {
        static String balance(List<io.medsettle.accounts.AccountMovement> movements) {
            return io.medsettle.ledger.Money.sum(movements.stream().map(io.medsettle.accounts.AccountMovement::amount).toList())
                    .toString();
        }
    }
}
