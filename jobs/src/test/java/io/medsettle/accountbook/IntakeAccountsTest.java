package io.medsettle.accountbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.MedsettleApplication;
import io.medsettle.intake.DischargeIntake;
import io.medsettle.ledger.Money;
import io.medsettle.monthend.MonthEnd;
import io.medsettle.reference.ReferenceFileLoader;
import io.medsettle.runs.JobRuns;
import io.medsettle.settlement.SettlementLine;
import io.medsettle.support.DischargeFile;
import io.medsettle.support.MedsettleSpringTest;
import io.medsettle.support.ReferenceFiles;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Spending at the intake (DOMAIN.md §4 "Spending"): the account part of an eligible discharge is
 * debited from the member's account on the day of its settlement; a debit larger than what the
 * account holds is never posted, and the row is settled for the funds without it, listed in the
 * report with the reason; the month-end's account stream is what was debited; a cancellation refunds
 * what its settlement was debited. Lianyungang, a level 1 hospital: a 1000.00 admission pays
 * (1000 − 300) × 0.90 = 630.00 from the fund and leaves 370.00 to the member. A database of its own:
 * the cancellation leaves HIX owing what its patient's account was refunded, and what an institution
 * owes is carried into every later month-end, whatever other tests' periods.
 */
@SpringBootTest(classes = MedsettleApplication.class)
class IntakeAccountsTest {

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        MedsettleSpringTest.database(registry);
    }

    @Autowired
    DischargeIntake intake;

    @Autowired
    MonthEnd monthEnd;

    @Autowired
    ReferenceFileLoader referenceData;

    @Autowired
    AccountFiles accountFiles;

    @Autowired
    AccountBook book;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AccountStatement statements;

    @TempDir
    Path dir;

    private DischargeIntake.Outcome take(DischargeFile file, String period) {
        Path path = file.write(dir.resolve("hix-" + period + "-" + System.nanoTime() + ".csv"));
        return intake.intake(path, "HIX", YearMonth.parse(period), dir, JobRuns.Trigger.MANUAL);
    }

    /**
     * Members without an account: every row's account payment is a problem. Nine thousand of them are
     * more than the step holds before it sends them (a million held to the end once ran a 512 MB heap
     * out of memory); all of them reach the report, and the movements sent between them are not lost.
     */
    @Test
    void aFileWhoseAccountPaymentsAllFailReportsEveryOne() throws Exception {
        ReferenceFiles.in(dir.resolve("refs-many"))
                .institutions("HIY,乙医院,1,general")
                .members("IY1,李娜,320706199002026047,1,1990-02-02,in_service,2010-01-01",
                        "IY2,张敏,320706199003036044,1,1990-03-03,in_service,2010-01-01")
                .averages("HIY,2044,3000.00")
                .load(referenceData, LocalDate.of(2043, 1, 1));
        Files.writeString(dir.resolve("openings-many.csv"), "psn_no,as_of_date,balance\nIY2,2043-12-31,1000000.00\n");
        accountFiles.load(AccountFileKind.ACCOUNT_OPENINGS, dir.resolve("openings-many.csv"));
        DischargeFile file = DischargeFile.of("HIY");
        int rows = 9_000;
        for (int i = 1; i <= rows; i++) {
            // IY1 has no account: its payments fail. IY2 can pay: its debits are staged between the problems.
            String day = "2044-03-%02d".formatted(1 + i % 28);
            file.row("M" + i, "MM" + i, i % 10 == 0 ? "IY2" : "IY1", day, day, "100", "1.00");
        }
        Path path = file.write(dir.resolve("hiy-2044-03.csv"));
        DischargeIntake.Outcome outcome = intake.intake(path, "HIY", YearMonth.of(2044, 3), dir, JobRuns.Trigger.MANUAL);

        assertThat(outcome.rowsLoaded()).isEqualTo(rows);
        Path report = outcome.report().orElseThrow();
        try (java.util.stream.Stream<String> lines = Files.lines(
                report.resolveSibling(report.getFileName().toString().replace(".xlsx", ".csv")))) {
            assertThat(lines.filter(line -> line.contains("个人账户余额不足")).count()).isEqualTo(rows - rows / 10);
        }
        assertThat(book.movements("IY2")).filteredOn(m -> m.amount().isNegative()).hasSize(rows / 10);
        assertThat(book.agreesWithLedger()).isTrue();
        // The movements were copied before their entry was posted, under the id taken for it: all of
        // them name the file's entry, and its credit to 2301 is their total, to the fen.
        Map<String, Object> entry = jdbc.queryForMap("select e.entry_id, (select sum(p.amount) from posting p"
                + " where p.entry_id = e.entry_id and p.account_code = '2301') as debited from journal_entry e"
                + " where e.idempotency_key = ?", "intake:" + outcome.fileId() + ":accounts");
        assertThat(jdbc.queryForList("select distinct entry_id from account_movement where psn_no = 'IY2'"
                + " and kind = 'spending'", Long.class)).containsExactly(((Number) entry.get("entry_id")).longValue());
        assertThat((BigDecimal) entry.get("debited")).isEqualByComparingTo("900.00");
    }

    @Test
    void aDischargeIsDebitedWhatTheAccountHoldsAndTheMonthEndSettlesOnlyThat() throws Exception {
        ReferenceFiles.in(dir.resolve("refs"))
                .institutions("HIX,甲医院,1,general")
                .members("IX1,王伟,32070619900101604X,1,1990-01-01,in_service,2010-01-01")
                .averages("HIX,2042,3000.00")
                .load(referenceData, LocalDate.of(2041, 1, 1));
        Files.writeString(dir.resolve("openings.csv"), "psn_no,as_of_date,balance\nIX1,2041-12-31,200.00\n");
        accountFiles.load(AccountFileKind.ACCOUNT_OPENINGS, dir.resolve("openings.csv"));

        // 150.00 of D1 is debited (200.00 held); D2's 100.00 is more than the 50.00 left: not debited.
        DischargeIntake.Outcome january = take(DischargeFile.of("HIX")
                .row("D1", "MD1", "IX1", "2042-01-03", "2042-01-05", "1000", "150.00")
                .row("D2", "MD2", "IX1", "2042-01-10", "2042-01-12", "1000", "100.00"), "2042-01");

        assertThat(january.rowsLoaded()).isEqualTo(2);
        assertThat(january.rowsRejected()).as("settled for the funds all the same").isZero();
        assertThat(january.message()).contains("1 account payment(s) not debited");
        Path report = january.report().orElseThrow();
        assertThat(Files.readString(report.resolveSibling(report.getFileName().toString().replace(".xlsx", ".csv"))))
                .contains(",3,acct_pay,100.00,个人账户余额不足(可用50.00元)，个人账户支付未扣减");
        assertThat(book.movements("IX1")).extracting(m -> m.kind() + " " + m.valueDate() + " " + m.amount())
                .containsExactly("OPENING 2041-12-31 200.00", "SPENDING 2042-01-05 -150.00");

        SettlementLine line = monthEnd.run(YearMonth.of(2042, 1), MonthEnd.Mode.APPROVE, JobRuns.Trigger.MANUAL)
                .lines().get(0);
        assertThat(line.figures().accountSettled()).as("only what was debited").isEqualTo(Money.of("150.00"));

        // February's file cancels D1: its 150.00 comes back to the account on the cancellation's day, and,
        // January being closed, is taken back from HIX as an adjustment line of February.
        take(DischargeFile.of("HIX").cancellation("C1", "MD1", "IX1", "2042-02-01", "2042-02-02", "D1"), "2042-02");
        SettlementLine february = monthEnd.run(YearMonth.of(2042, 2), MonthEnd.Mode.APPROVE, JobRuns.Trigger.MANUAL)
                .lines().get(0);
        assertThat(february.adjustments().account().total()).isEqualTo(Money.of("-150.00"));
        assertThat(book.agreesWithLedger()).isTrue();

        AccountStatement.Statement statement = statements.of("IX1", Year.of(2042)).orElseThrow();
        assertThat(statement.maskedId()).isEqualTo("320706********604X");
        assertThat(statement.opening()).isEqualTo(Money.of("200.00"));
        assertThat(statement.lines()).extracting(l -> l.kindText() + " " + l.amount() + " " + l.balance())
                .containsExactly("支付 -150.00 50.00", "退回 150.00 200.00");
        assertThat(statement.closing()).isEqualTo(Money.of("200.00"));
        assertThat(statements.of("NOBODY", null)).isEmpty();
    }
}
