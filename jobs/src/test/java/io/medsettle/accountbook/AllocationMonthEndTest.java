package io.medsettle.accountbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.MedsettleApplication;
import io.medsettle.ledger.AccountCode;
import io.medsettle.ledger.ChartOfAccounts;
import io.medsettle.ledger.Ledger;
import io.medsettle.ledger.Money;
import io.medsettle.monthend.MonthEnd;
import io.medsettle.reference.ReferenceFileLoader;
import io.medsettle.runs.JobRuns;
import io.medsettle.support.MedsettleSpringTest;
import io.medsettle.support.ReferenceFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The monthly allocation (划入, 先缴后划; DOMAIN.md §4), made by the approved month-end, worked by hand
 * under lianyungang-2000: in service, 3 % / 3.5 % / 4 % of last year's wage / 12 for age ≤ 35 / 36–45 /
 * over 45 on 1 January; retirees 5 % of last year's pension / 12 on the 1st of the month. A database of
 * its own: the allocation is the whole city's, and its totals are checked to the fen.
 */
@SpringBootTest(classes = MedsettleApplication.class)
class AllocationMonthEndTest {

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        MedsettleSpringTest.database(registry);
    }

    @Autowired
    MonthEnd monthEnd;

    @Autowired
    ReferenceFileLoader referenceData;

    @Autowired
    AccountFiles accountFiles;

    @Autowired
    AccountBook book;

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    private LoadResult contributions(String name, String rows) throws Exception {
        Path file = Files.writeString(dir.resolve(name), "emp_no,psn_no,period,base,employer_amt,personal_amt,paid_date\n" + rows);
        return accountFiles.load(AccountFileKind.CONTRIBUTIONS, file);
    }

    private MonthEnd.Outcome approve(String period) {
        return monthEnd.run(YearMonth.parse(period), MonthEnd.Mode.APPROVE, JobRuns.Trigger.MANUAL);
    }

    @Test
    void paidContributionsAndRetireesAreAllocatedByTheMonthEndArrearsWhenPaid() throws Exception {
        String header = "psn_no,psn_name,certno,gend,brdy,psn_type,insu_begn_date,wage_prev_year,pension_prev_year";
        Files.writeString(dir.resolve("members.csv"), header + "\n"
                + "AL1,王一,320706201001017018,1,2010-01-01,in_service,2030-01-01,60000.00,\n"   // 35 on 1 January 2045
                + "AL2,王二,320706200401017020,1,2004-01-01,in_service,2030-01-01,60000.00,\n"   // 41
                + "AL3,王三,320706199401017033,1,1994-01-01,in_service,2030-01-01,60000.00,\n"   // 51
                + "AL4,王四,320706197001017043,1,1970-01-01,retired,2000-01-01,,48000.00\n"
                + "AL5,王五,320706197501017058,1,1975-01-01,in_service,2030-01-01,,\n");         // no wage known
        ReferenceFiles.in(dir.resolve("refs")).institutions("HAL,甲医院,2,general").load(referenceData, LocalDate.of(2044, 1, 1));
        referenceData.load(io.medsettle.reference.ReferenceKind.MEMBERS, dir.resolve("members.csv"), LocalDate.of(2044, 1, 1));
        contributions("2045-01.csv", """
                E1,AL1,2045-01,5000.00,400.00,100.00,2045-01-15
                E1,AL2,2045-01,5000.00,400.00,100.00,2045-01-15
                E1,AL3,2045-01,5000.00,400.00,100.00,2045-01-16
                E1,AL5,2045-01,5000.00,400.00,100.00,2045-01-15
                """);

        MonthEnd.Outcome january = approve("2045-01");

        // AL1 60000 × 3 % / 12 = 150.00; AL2 × 3.5 % = 175.00; AL3 × 4 % = 200.00; AL5 nothing (no wage):
        // its 500.00 is pooled income whole. AL4, retired: 48000 × 5 % / 12 = 200.00 on 1 January.
        assertThat(movements("AL1")).containsExactly("ALLOCATION 2045-01-15 150.00");
        assertThat(movements("AL2")).containsExactly("ALLOCATION 2045-01-15 175.00");
        assertThat(movements("AL3")).containsExactly("ALLOCATION 2045-01-16 200.00");
        assertThat(movements("AL4")).containsExactly("ALLOCATION 2045-01-01 200.00");
        assertThat(movements("AL5")).isEmpty();
        // In the ledger: 2000.00 received, 525.00 of it into the accounts, 1475.00 pooled income.
        assertThat(entry("month-end:2045-01:contributions")).containsExactly(
                "1002.01 2000.00", "4001.01 -1475.00", "2301 -525.00");
        assertThat(entry("month-end:2045-01:retirees")).containsExactly("5001.04 200.00", "2301 -200.00");
        assertThat(MonthlyAllocation.summary(JdbcClient.create(jdbc), january.runId()).stream()
                .map(l -> l.source() + " " + l.category() + " " + l.band() + " " + l.members() + " " + l.amount()))
                .as("youngest band first").containsExactly("contribution in_service ≤35 1 150.00",
                        "contribution in_service 36–45 1 175.00", "contribution in_service >45 1 200.00",
                        "retiree retired 退休 1 200.00");
        assertThat(book.agreesWithLedger()).isTrue();
        assertThat(january.statements().resolve("allocation-2045-01.csv")).exists();

        // February: AL3's employer does not pay (arrears): nothing allocated for it. March: the February
        // row comes again with its payment of 10 March and is allocated then (补记), beside March's own.
        contributions("2045-02.csv", "E1,AL3,2045-02,5000.00,400.00,100.00,\n");
        approve("2045-02");
        assertThat(movements("AL3")).containsExactly("ALLOCATION 2045-01-16 200.00");
        contributions("2045-03.csv", """
                E1,AL3,2045-02,5000.00,400.00,100.00,2045-03-10
                E1,AL3,2045-03,5000.00,400.00,100.00,2045-03-15
                """);
        approve("2045-03");
        assertThat(movements("AL3")).containsExactly("ALLOCATION 2045-01-16 200.00", "ALLOCATION 2045-03-10 200.00",
                "ALLOCATION 2045-03-15 200.00");
        assertThat(movements("AL4")).as("a retiree every month").hasSize(3);
        // A preview of April posts nothing, though it computes the summary.
        contributions("2045-04.csv", "E1,AL1,2045-04,5000.00,400.00,100.00,2045-04-15\n");
        monthEnd.run(YearMonth.of(2045, 4), MonthEnd.Mode.PREVIEW, JobRuns.Trigger.MANUAL);
        assertThat(movements("AL1")).hasSize(1);
        AccountCode fund = ChartOfAccounts.INDIVIDUAL_ACCOUNTS;
        assertThat(ledger.balance(fund, LocalDate.of(2045, 12, 31))).isEqualTo(book.total().negate());
        assertThat(book.total()).isEqualTo(Money.of("1525.00"));
    }

    private List<String> movements(String psnNo) {
        return book.movements(psnNo).stream().map(m -> m.kind() + " " + m.valueDate() + " " + m.amount()).toList();
    }

    private List<String> entry(String key) {
        return jdbc.queryForList("""
                        select p.account_code || ' ' || p.amount from posting p join journal_entry e on e.entry_id = p.entry_id
                         where e.idempotency_key = ? order by p.line_no""", String.class, key);
    }
}
