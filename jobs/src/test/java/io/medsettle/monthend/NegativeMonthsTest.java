package io.medsettle.monthend;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.accountbook.AccountBook;
import io.medsettle.accountbook.AccountFileKind;
import io.medsettle.accountbook.AccountFiles;
import io.medsettle.intake.DischargeIntake;
import io.medsettle.ledger.AccountCode;
import io.medsettle.ledger.ChartOfAccounts;
import io.medsettle.ledger.Ledger;
import io.medsettle.ledger.Money;
import io.medsettle.reference.ReferenceFileLoader;
import io.medsettle.runs.JobRuns;
import io.medsettle.settlement.SettlementLine;
import io.medsettle.support.DischargeFile;
import io.medsettle.support.MedsettleSpringTest;
import io.medsettle.support.ReferenceFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Negative months (issue 9, point 3): a late cancellation in a month where the institution has
 * nothing else takes back more than the month brings. The month-end completes for everyone, the
 * clawback is carried as an amount the institution owes (a debit on its payable), and the next
 * month's payment nets it, the same way for every fund stream. Worked by hand under
 * lianyungang-2000, a level 2 hospital with an approved average of 10000.00: a 4000 admission pays
 * (4000 − 500) × 0.88 = 3080.00 from the fund and leaves 920.00 to the member.
 */
class NegativeMonthsTest extends MedsettleSpringTest {

    @Autowired
    DischargeIntake intake;

    @Autowired
    MonthEnd monthEnd;

    @Autowired
    ReferenceFileLoader referenceData;

    @Autowired
    Ledger ledger;

    @Autowired
    AccountFiles accountFiles;

    @Autowired
    AccountBook accountBook;

    @TempDir
    Path dir;

    private void take(DischargeFile file, String institution, String period) {
        Path path = file.write(dir.resolve(institution + "-" + period + "-" + System.nanoTime() + ".csv"));
        DischargeIntake.Outcome outcome = intake.intake(path, institution, YearMonth.parse(period), dir, JobRuns.Trigger.MANUAL);
        assertThat(outcome.rowsRejected()).as(outcome.message()).isZero();
    }

    private MonthEnd.Outcome approve(String period) {
        return monthEnd.run(YearMonth.parse(period), MonthEnd.Mode.APPROVE, JobRuns.Trigger.MANUAL);
    }

    @Test
    void aClawbackLargerThanTheMonthIsCarriedAsOwedAndNettedFromTheNextPayment() throws Exception {
        ReferenceFiles.in(dir.resolve("refs"))
                .institutions("HNA,甲医院,2,general", "HNB,乙医院,2,general")
                .members("PN1,王芳,320706197004045429,2,1970-04-04,in_service,2010-01-01",
                        "PN2,李强,320706195005055419,1,1950-05-05,in_service,2033-02-15",
                        "PN3,张敏,320706196006065445,2,1960-06-06,in_service,2010-01-01")
                .averages("HNA,2033,10000.00", "HNB,2033,10000.00")
                .load(referenceData, LocalDate.of(2032, 1, 1));
        // PN1's account holds 500.00 carried over, so that January's 100.00 from it is debited.
        Path openings = dir.resolve("account-openings.csv");
        Files.writeString(openings, "psn_no,as_of_date,balance\nPN1,2032-12-31,500.00\n");
        assertThat(accountFiles.load(AccountFileKind.ACCOUNT_OPENINGS, openings).loaded()).isEqualTo(1);

        // January: one discharge, 100.00 of it from the member's account. Due 10000 − 920 = 9080.00;
        // paid now 8172.00 of the pooled stream and 90.00 of the account stream.
        take(DischargeFile.of("HNA").row("N1", "MN1", "PN1", "2033-01-05", "2033-01-10", "4000", "100"), "HNA", "2033-01");
        SettlementLine january = line(approve("2033-01"), "HNA");
        assertThat(january.paidNow()).isEqualTo(Money.of("8262.00"));
        assertThat(january.payment().paid()).isEqualTo(Money.of("8262.00"));

        // February: HNA sends only the cancellation of N1, and a discharge of a member not yet insured
        // (not eligible: its account payment is not settled either, DOMAIN.md §2). HNB has a month of its own.
        take(DischargeFile.of("HNA").cancellation("C1", "MN1", "PN1", "2033-02-01", "2033-02-03", "N1")
                .row("N2", "MN2", "PN2", "2033-02-10", "2033-02-12", "3000", "50"), "HNA", "2033-02");
        take(DischargeFile.of("HNB").row("B1", "MB1", "PN3", "2033-02-05", "2033-02-08", "4000"), "HNB", "2033-02");
        MonthEnd.Outcome february = approve("2033-02");

        assertThat(february.lines()).extracting(SettlementLine::code).containsExactly("HNA", "HNB");
        SettlementLine hna = line(february, "HNA");
        assertThat(hna.figures().discharges()).isZero();
        assertThat(hna.figures().accountSettled()).as("the ineligible row's account payment").isEqualTo(Money.ZERO);
        assertThat(hna.due()).isEqualTo(Money.ZERO);
        // The cancellation takes back one discharge at 10000 less the member's 920: −9080.00, of which
        // −8172.00 paid now and −908.00 of the deposit; and the 100.00 of the account: −90.00 and −10.00.
        assertThat(hna.adjustments().pooled().total()).isEqualTo(Money.of("-9080.00"));
        assertThat(hna.adjustments().pooled().paidNow()).isEqualTo(Money.of("-8172.00"));
        assertThat(hna.adjustments().pooled().heldBack()).isEqualTo(Money.of("-908.00"));
        assertThat(hna.adjustments().account().paidNow()).isEqualTo(Money.of("-90.00"));
        assertThat(hna.adjustments().account().heldBack()).isEqualTo(Money.of("-10.00"));
        assertThat(hna.payment().paid()).isEqualTo(Money.ZERO);
        assertThat(hna.payment().owedCarriedForward()).isEqualTo(Money.of("8262.00"));
        assertThat(line(february, "HNB").payment().paid()).isEqualTo(Money.of("8172.00"));
        AccountCode payable = ChartOfAccounts.institutionPayable("HNA");
        assertThat(ledger.balance(payable, LocalDate.of(2033, 2, 28))).as("what HNA owes, a debit")
                .isEqualTo(Money.of("8262.00"));

        // March: two discharges, due 2 × 10000 − 2 × 920 = 18160.00, paid now 16344.00, of which the
        // 8262.00 owed is netted: the bank pays 8082.00 and HNA owes nothing more.
        take(DischargeFile.of("HNA").row("N3", "MN3", "PN1", "2033-03-05", "2033-03-10", "4000")
                .row("N4", "MN4", "PN3", "2033-03-15", "2033-03-18", "4000"), "HNA", "2033-03");
        SettlementLine march = line(approve("2033-03"), "HNA");
        assertThat(march.payment().owedBroughtForward()).isEqualTo(Money.of("8262.00"));
        assertThat(march.paidNow()).isEqualTo(Money.of("16344.00"));
        assertThat(march.payment().paid()).isEqualTo(Money.of("8082.00"));
        assertThat(march.payment().owedCarriedForward()).isEqualTo(Money.ZERO);
        assertThat(ledger.balance(payable, LocalDate.of(2033, 3, 31))).isEqualTo(Money.ZERO);
        assertThat(ledger.trialBalance(LocalDate.of(2033, 3, 31)).isBalanced()).isTrue();
        // The account: 500.00 carried, 100.00 paid in January, refunded by the cancellation in February.
        assertThat(accountBook.movements("PN1")).extracting(m -> m.kind() + " " + m.amount())
                .containsExactly("OPENING 500.00", "SPENDING -100.00", "REFUND 100.00");
        assertThat(accountBook.agreesWithLedger()).isTrue();
    }

    private static SettlementLine line(MonthEnd.Outcome run, String code) {
        return run.lines().stream().filter(l -> l.code().equals(code)).findFirst().orElseThrow();
    }
}
