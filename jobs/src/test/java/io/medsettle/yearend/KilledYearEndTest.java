package io.medsettle.yearend;

import static io.medsettle.support.MedsettleProcess.count;
import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.demo.DemoCity;
import io.medsettle.support.MedsettleProcess;
import io.medsettle.testdb.PostgresTestDatabase;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real kill of the year-end (DOMAIN.md §3: "a killed run resumes without crediting or paying
 * anything twice"): the approval of 2030 runs in a JVM of its own and is killed with SIGKILL while it
 * computes the interest of twenty thousand accounts. Nothing of the approval stays; run again, the same
 * command credits every account exactly once and closes the year.
 */
class KilledYearEndTest {

    private static final int YEAR = 2030;

    private static final String SUB_LEDGER_AGREES = """
            select count(*) where (select coalesce(sum(amount), 0) from account_movement)
                                = -(select coalesce(sum(amount), 0) from posting where account_code = '2301')""";

    /** From its first batch of interest on, the approval holds a lock on year_end_interest until it commits. */
    private static final String CREDITING = """
            select count(*) from pg_locks l join pg_class c on c.oid = l.relation
             where c.relname = 'year_end_interest' and l.mode = 'RowExclusiveLock' and l.pid <> pg_backend_pid()""";

    @TempDir
    Path home;

    @Test
    void anApprovalKilledWhileCreditingInterestCreditsEveryAccountOnceWhenRunAgain() throws Exception {
        MedsettleProcess process = new MedsettleProcess(home);
        DemoCity city = new DemoCity(new DemoCity.Settings(11, 4, 20_000, YEAR, 0.18, 0.0));
        city.writeInstitutions(home.resolve("institutions.csv"));
        city.writeMembers(home.resolve("members.csv"));
        try (Writer out = Files.newBufferedWriter(home.resolve("openings.csv"), StandardCharsets.UTF_8)) {
            out.write("psn_no,as_of_date,balance\n");
            for (DemoCity.Member m : city.members()) {
                out.write(m.psnNo() + "," + (YEAR - 1) + "-12-31," + (1_000 + Math.floorMod(m.psnNo().hashCode(), 9_000)) + ".00\n");
            }
        }
        Files.writeString(home.resolve("interest-rates.csv"), """
                effective_date,kind,annual_rate
                2020-01-01,demand,0.0035
                2020-01-01,time_3m,0.0110
                2030-06-21,demand,0.0030
                """);
        PostgresTestDatabase.Database db = PostgresTestDatabase.emptyDatabase();
        for (String[] load : new String[][] {{"institutions", "institutions.csv"}, {"members", "members.csv"},
                {"interest-rates", "interest-rates.csv"}, {"account-openings", "openings.csv"}}) {
            assertThat(process.start(db, "load", load[0], home.resolve(load[1]).toString()).waitFor()).isZero();
        }
        long accounts = count(db, "select count(*) from account_movement");
        assertThat(accounts).isGreaterThan(15_000);
        approvedMonths(db);

        Process victim = process.start(db, "year-end", "--year", Integer.toString(YEAR), "--approve");
        boolean killedWhileCrediting = false;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (victim.isAlive() && System.nanoTime() < deadline) {
            if (count(db, CREDITING) > 0) {
                Thread.sleep(100);
                victim.destroyForcibly().waitFor();
                killedWhileCrediting = true;
                break;
            }
            Thread.sleep(10);
        }
        assertThat(killedWhileCrediting).as("the approval was killed while crediting interest").isTrue();
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (count(db, CREDITING) > 0 && System.nanoTime() < waitUntil) {
            Thread.sleep(50);
        }
        // The interest is part of the approval's one transaction: killed inside it, nothing of it stays.
        assertThat(count(db, "select count(*) from year_end_run where status = 'APPROVED'")).as("killed before the commit").isZero();
        assertThat(count(db, "select count(*) from account_movement where kind = 'interest'")).isZero();
        assertThat(count(db, "select count(*) from journal_entry where idempotency_key like 'year-end:%'")).isZero();
        assertThat(count(db, SUB_LEDGER_AGREES)).isEqualTo(1);

        assertThat(process.start(db, "year-end", "--year", Integer.toString(YEAR), "--approve").waitFor()).isZero();

        assertThat(count(db, "select count(*) from year_end_run where status = 'APPROVED'")).isEqualTo(1);
        assertThat(count(db, "select count(*) from account_movement where kind = 'interest'")).as("one crediting per account")
                .isEqualTo(accounts)
                .isEqualTo(count(db, "select count(distinct psn_no) from account_movement where kind = 'interest'"));
        assertThat(count(db, "select count(*) from journal_entry where idempotency_key = 'year-end:2030:interest'")).isEqualTo(1);
        assertThat(count(db, SUB_LEDGER_AGREES)).isEqualTo(1);
        assertThat(count(db, "select count(*) from (select sum(amount) s from posting) t where s = 0")).isEqualTo(1);
        assertThat(home.resolve("out/2030/accounts-2030.csv")).exists();
        // The year is closed: approving it again is input refused (exit 1), and posts nothing.
        assertThat(process.start(db, "year-end", "--year", Integer.toString(YEAR), "--approve").waitFor()).isEqualTo(1);
        assertThat(count(db, "select count(*) from account_movement where kind = 'interest'")).isEqualTo(accounts);
    }

    /** The twelve approved month-ends the year-end needs: none of them settled anything. */
    private static void approvedMonths(PostgresTestDatabase.Database db) throws Exception {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            for (int m = 1; m <= 12; m++) {
                c.createStatement().executeUpdate("""
                        insert into month_end_run (period, status, profile, method, holdback_rate, computed_at, approved_at)
                        values ('%d-%02d', 'APPROVED', 'lianyungang-2000', 'AVERAGE_COST', 0.10, now(), now())""".formatted(YEAR, m));
            }
        }
    }
}
