package io.medsettle.accountbook;

import static io.medsettle.support.MedsettleProcess.count;
import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.demo.DemoCity;
import io.medsettle.support.MedsettleProcess;
import io.medsettle.testdb.PostgresTestDatabase;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real kill of the allocation (DOMAIN.md §4): the approval of January runs in a JVM of its own and
 * is killed with SIGKILL while it stages some hundred thousand contributions for the members'
 * accounts. The books agree with the sub-ledger in the state the kill left; run again, the same
 * command allocates every contribution exactly once.
 */
class KilledAllocationTest {

    /** August to January: January's approval allocates six months of contributions (补记 of the earlier five). */
    private static final YearMonth FIRST = YearMonth.of(2025, 8);
    private static final YearMonth PERIOD = YearMonth.of(2026, 1);

    private static final String SUB_LEDGER_AGREES = """
            select count(*) where (select coalesce(sum(amount), 0) from account_movement)
                                = -(select coalesce(sum(amount), 0) from posting where account_code = '2301')""";

    private static final String ALLOCATING = """
            select count(*) from pg_locks l join pg_class c on c.oid = l.relation
             where c.relname = 'allocation_summary' and l.mode = 'RowExclusiveLock' and l.pid <> pg_backend_pid()""";

    @TempDir
    Path home;

    @Test
    void anApprovalKilledWhileAllocatingAllocatesEveryContributionOnceWhenRunAgain() throws Exception {
        MedsettleProcess process = new MedsettleProcess(home);
        DemoCity city = new DemoCity(new DemoCity.Settings(7, 4, 20_000, 2026, 0.18, 0.0));
        city.writeInstitutions(home.resolve("institutions.csv"));
        city.writeMembers(home.resolve("members.csv"));
        int rows = writeContributions(city, home.resolve("contributions.csv"));
        assertThat(rows).isGreaterThan(60_000);
        PostgresTestDatabase.Database db = PostgresTestDatabase.emptyDatabase();
        for (String[] load : new String[][] {{"institutions", "institutions.csv"}, {"members", "members.csv"},
                {"contributions", "contributions.csv"}}) {
            assertThat(process.start(db, "load", load[0], home.resolve(load[1]).toString()).waitFor()).isZero();
        }
        assertThat(count(db, "select count(*) from contribution")).isEqualTo(rows);

        Process victim = process.start(db, "month-end", "--period", PERIOD.toString(), "--approve");
        boolean killedWhileAllocating = false;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (victim.isAlive() && System.nanoTime() < deadline) {
            // From its summary on, the allocation holds a lock on allocation_summary until the approval
            // commits: it then posts, moves some hundred thousand movements in and marks the contributions.
            if (count(db, ALLOCATING) > 0) {
                Thread.sleep(100);
                victim.destroyForcibly().waitFor();
                killedWhileAllocating = true;
                break;
            }
            Thread.sleep(10);
        }
        assertThat(killedWhileAllocating).as("the approval was killed while allocating").isTrue();
        awaitDisconnected(db);
        // The allocation is part of the approval's one transaction: killed inside it, nothing of it stays.
        assertThat(count(db, "select count(*) from month_end_run where status = 'APPROVED'")).as("killed before the commit")
                .isZero();
        assertThat(count(db, "select count(*) from account_movement where kind = 'allocation'")).isZero();
        assertThat(count(db, "select count(*) from journal_entry where idempotency_key like 'month-end:%'")).isZero();
        assertThat(count(db, SUB_LEDGER_AGREES)).isEqualTo(1);

        assertThat(process.start(db, "month-end", "--period", PERIOD.toString(), "--approve").waitFor()).isZero();

        assertThat(count(db, "select count(*) from contribution where allocated_run is null")).isZero();
        assertThat(count(db, "select count(distinct allocated_run) from contribution")).isEqualTo(1);
        assertThat(count(db, "select count(*) from journal_entry where idempotency_key = 'month-end:2026-01:contributions'"))
                .isEqualTo(1);
        // One movement per allocated contribution with an account part, named by member and period, never two.
        long allocations = count(db, "select count(*) from account_movement where kind = 'allocation' and source like 'contribution:%'");
        assertThat(allocations).isPositive().isLessThanOrEqualTo(rows)
                .isEqualTo(count(db, "select count(distinct source) from account_movement where source like 'contribution:%'"));
        assertThat(count(db, "select count(*) from month_end_run where period = '2026-01'")).isEqualTo(1);
        assertThat(count(db, SUB_LEDGER_AGREES)).isEqualTo(1);
        assertThat(count(db, "select count(*) from (select sum(amount) s from posting) t where s = 0")).isEqualTo(1);
        // The operator sees the agreement at the end of the approval.
        try (var logs = Files.list(home)) {
            Path last = logs.filter(f -> f.getFileName().toString().startsWith("child-"))
                    .max(Comparator.comparingLong(f -> f.toFile().lastModified())).orElseThrow();
            assertThat(Files.readString(last)).contains("agrees with the ledger's 2301 to the fen");
        }
    }

    /** Every member in service or self-employed pays each month from August to January on the 15th. */
    private static int writeContributions(DemoCity city, Path file) throws IOException {
        int rows = 0;
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("emp_no,psn_no,period,base,employer_amt,personal_amt,paid_date\n");
            for (DemoCity.Member m : city.members()) {
                if ("retired".equals(m.type())) {
                    continue;
                }
                long base = 3_000 + Math.floorMod(m.psnNo().hashCode(), 12_000);
                for (YearMonth p = FIRST; !p.isAfter(PERIOD); p = p.plusMonths(1)) {
                    out.write(m.employer() + "," + m.psnNo() + "," + p + "," + base + ".00," + (base * 8 / 100) + "."
                            + String.format("%02d", base * 8 % 100) + "," + (base * 2 / 100) + "."
                            + String.format("%02d", base * 2 % 100) + "," + p.atDay(15) + "\n");
                    rows++;
                }
            }
        }
        return rows;
    }

    /** The killed JVM's backend goes away, and its locks with it, once PostgreSQL notices. */
    private static void awaitDisconnected(PostgresTestDatabase.Database db) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (count(db, ALLOCATING) > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
