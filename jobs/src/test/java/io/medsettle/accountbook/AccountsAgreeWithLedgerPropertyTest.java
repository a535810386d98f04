package io.medsettle.accountbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.MedsettleApplication;
import io.medsettle.files.Identifiers;
import io.medsettle.monthend.MonthEnd;
import io.medsettle.reference.ReferenceFileLoader;
import io.medsettle.reference.ReferenceKind;
import io.medsettle.runs.JobRuns;
import io.medsettle.support.MedsettleSpringTest;
import io.medsettle.support.ReferenceFiles;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Property (issue 10): Σ members' balances = the ledger's individual accounts fund 2301 after every
 * load and at every close, whatever mix of openings, contributions (some in arrears, paid later),
 * account payments (some larger than the account holds, some cancelled), transfers in and out and
 * deaths (some dated before movements the account has) a random month brings. No account is ever
 * negative and the trial balance is zero. Seeded: a failure names its seed and step, and the same
 * seed replays it. Account payments are decided in parts of five members (a context of its own).
 */
@SpringBootTest(classes = MedsettleApplication.class)
class AccountsAgreeWithLedgerPropertyTest {

    private static final long[] SEEDS = {20261124L, 7L, 4242L};
    private static final int MEMBERS = 24;
    private static final int MONTHS = 5;
    private static final String PHARMACY = "PPR1";

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
    JdbcTemplate jdbc;

    @Autowired
    AccountPaymentsLoad paymentsLoad;

    @TempDir
    Path dir;

    private int fileNo;

    @Test
    void theMembersAccountsAddUpToTheFundAfterEveryLoadAndAtEveryClose() throws Exception {
        // A payments file is decided in parts of members: here of five, so that every file has several.
        paymentsLoad.membersPerPart(5);
        ReferenceFiles.in(dir.resolve("refs")).institutions(PHARMACY + ",药房,0,pharmacy").load(referenceData, LocalDate.of(2049, 1, 1));
        write("rates.csv", "effective_date,kind,annual_rate\n2049-01-01,demand,0.0035\n2049-01-01,time_3m,0.0135\n"
                + "2050-05-20,demand,0.0015\n2050-05-20,time_3m,0.0110\n");
        referenceData.load(ReferenceKind.INTEREST_RATES, dir.resolve("rates.csv"), LocalDate.of(2049, 1, 1));
        for (int trial = 0; trial < SEEDS.length; trial++) {
            new Trial(trial, SEEDS[trial]).run();
        }
        assertThat(jdbc.queryForObject("select count(*) from account_movement", Long.class)).isGreaterThan(300);
        assertThat(jdbc.queryForObject("select count(*) from account_closure", Long.class)).isPositive();
    }

    /** One random city of its own members and year: 2050 + trial. */
    private final class Trial {

        private final int year;
        private final String prefix;
        private final Random random;
        private final List<String> members = new ArrayList<>();
        private final List<String> payments = new ArrayList<>();
        private final List<String> arrears = new ArrayList<>();
        private final String seedText;

        Trial(int trial, long seed) {
            this.year = 2050 + trial;
            this.prefix = "PR" + trial + "M";
            this.random = new Random(seed);
            this.seedText = "seed " + seed;
        }

        void run() throws Exception {
            StringBuilder memberRows = new StringBuilder(
                    "psn_no,psn_name,certno,gend,brdy,psn_type,insu_begn_date,wage_prev_year,pension_prev_year\n");
            StringBuilder openings = new StringBuilder("psn_no,as_of_date,balance\n");
            for (int i = 1; i <= MEMBERS; i++) {
                String psn = prefix + i;
                members.add(psn);
                LocalDate birth = LocalDate.of(year - 25 - random.nextInt(50), 1 + random.nextInt(12), 1 + random.nextInt(28));
                boolean retired = year - birth.getYear() >= 62;
                String body = "3207" + String.format("%02d", 10 + Integer.parseInt(prefix.substring(2, 3)))
                        + birth.toString().replace("-", "") + String.format("%03d", i);
                memberRows.append(psn).append(",成员").append(i).append(',').append(body)
                        .append(Identifiers.idNumberCheckDigit(body)).append(",1,").append(birth).append(',')
                        .append(retired ? "retired" : "in_service").append(",2000-01-01,")
                        .append(retired ? "," + (20_000 + random.nextInt(40_000)) + ".00" : (30_000 + random.nextInt(90_000)) + ".00,")
                        .append('\n');
                if (random.nextInt(4) > 0) {
                    openings.append(psn).append(',').append(year - 1).append("-12-31,").append(random.nextInt(3_000)).append('.')
                            .append(String.format("%02d", random.nextInt(100))).append('\n');
                }
            }
            write("members-" + year + ".csv", memberRows.toString());
            referenceData.load(ReferenceKind.MEMBERS, dir.resolve("members-" + year + ".csv"), LocalDate.of(2049, 1, 1));
            check("openings", accountFiles.load(AccountFileKind.ACCOUNT_OPENINGS, write("openings-" + year + ".csv", openings.toString())));
            for (int month = 1; month <= MONTHS; month++) {
                YearMonth period = YearMonth.of(year, month);
                check("contributions " + period, accountFiles.load(AccountFileKind.CONTRIBUTIONS, contributions(period)));
                check("payments " + period, accountFiles.load(AccountFileKind.ACCOUNT_PAYMENTS, payments(period)));
                check("events " + period, accountFiles.load(AccountFileKind.ACCOUNT_EVENTS, events(period)));
                monthEnd.run(period, MonthEnd.Mode.APPROVE, JobRuns.Trigger.MANUAL);
                agrees("the close of " + period);
            }
        }

        /** Most members pay on a random day; some are left in arrears, and some arrears are paid this month. */
        private Path contributions(YearMonth period) throws Exception {
            StringBuilder rows = new StringBuilder("emp_no,psn_no,period,base,employer_amt,personal_amt,paid_date\n");
            List<String> paidNow = new ArrayList<>();
            for (String late : arrears) {
                if (random.nextBoolean()) {
                    rows.append("E1,").append(late).append(",5000.00,400.00,100.00,").append(day(period)).append('\n');
                    paidNow.add(late);
                }
            }
            arrears.removeAll(paidNow);
            for (String psn : members) {
                if (random.nextInt(6) == 0) {
                    continue;
                }
                boolean unpaid = random.nextInt(8) == 0;
                String key = psn + "," + period;
                rows.append("E1,").append(key).append(",5000.00,400.00,100.00,").append(unpaid ? "" : day(period).toString())
                        .append('\n');
                if (unpaid) {
                    arrears.add(key);
                }
            }
            return write("contributions-" + period + "-" + fileNo++ + ".csv", rows.toString());
        }

        /** Purchases of random amounts, some beyond what the account holds; some cancel an earlier one. */
        private Path payments(YearMonth period) throws Exception {
            StringBuilder rows = new StringBuilder("setl_id,psn_no,fixmedins_code,setl_time,acct_pay,refd_setl_flag,init_setl_id\n");
            for (int i = 0; i < 12; i++) {
                String psn = members.get(random.nextInt(members.size()));
                String setlId = "Y" + period.toString().replace("-", "") + prefix + i;
                String amount = (1 + random.nextInt(900)) + "." + String.format("%02d", random.nextInt(100));
                rows.append(setlId).append(',').append(psn).append(',').append(PHARMACY).append(',').append(day(period))
                        .append(" 10:").append(String.format("%02d", i)).append(":00,").append(amount).append(",,\n");
                payments.add(setlId + "," + psn + "," + amount);
            }
            if (payments.size() > 12 && random.nextBoolean()) {
                String[] original = payments.get(random.nextInt(payments.size() - 12)).split(",");
                // Now and then a cancellation names another member than the one who paid: refused.
                String who = random.nextInt(5) == 0 ? members.get(random.nextInt(members.size())) : original[1];
                rows.append("C").append(original[0]).append(',').append(who).append(',').append(PHARMACY).append(',')
                        .append(period.atDay(28)).append(" 18:00:00,").append(original[2]).append(",1,").append(original[0])
                        .append('\n');
            }
            return write("payments-" + period + "-" + fileNo++ + ".csv", rows.toString());
        }

        /** Now and then a transfer in, a transfer out or a death, dated anywhere in the month. */
        private Path events(YearMonth period) throws Exception {
            StringBuilder rows = new StringBuilder("psn_no,event,event_date,amount,counterparty\n");
            for (int i = 0; i < 2; i++) {
                String psn = members.get(random.nextInt(members.size()));
                switch (random.nextInt(4)) {
                    case 0 -> rows.append(psn).append(",transfer_in,").append(day(period)).append(',').append(100 + random.nextInt(5_000))
                            .append(".00,320100\n");
                    case 1 -> rows.append(psn).append(",transfer_out,").append(day(period)).append(",,320100 南京市医疗保障局\n");
                    case 2 -> rows.append(psn).append(",death,").append(day(period)).append(",,继承人\n");
                    default -> {
                        // Nothing happens to this member this month.
                    }
                }
            }
            return write("events-" + period + "-" + fileNo++ + ".csv", rows.toString());
        }

        private LocalDate day(YearMonth period) {
            return period.atDay(1 + random.nextInt(period.lengthOfMonth()));
        }

        private void check(String step, LoadResult result) {
            assertThat(result).as(seedText + ", " + step).isNotNull();
            agrees(step);
        }

        private void agrees(String step) {
            String where = seedText + ", after " + step;
            assertThat(book.agreesWithLedger()).as(where + ": Σ members = fund 2301").isTrue();
            assertThat(jdbc.queryForObject("select coalesce(sum(amount), 0) = 0 from posting", Boolean.class))
                    .as(where + ": the trial balance").isTrue();
            assertThat(jdbc.queryForList("""
                    select psn_no from account_movement group by psn_no having sum(amount) < 0""", String.class))
                    .as(where + ": no account below zero").isEmpty();
        }
    }

    private Path write(String name, String body) throws Exception {
        return Files.writeString(dir.resolve(name), body, StandardCharsets.UTF_8);
    }
}
