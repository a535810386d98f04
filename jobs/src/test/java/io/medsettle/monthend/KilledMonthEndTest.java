package io.medsettle.monthend;

import static io.medsettle.support.MedsettleProcess.count;
import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.demo.DemoCity;
import io.medsettle.support.MedsettleProcess;
import io.medsettle.support.StreamedWorkbook;
import io.medsettle.testdb.PostgresTestDatabase;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real kill of an approval: the month-end runs in a JVM of its own, killed with SIGKILL after the
 * run was posted and the period closed, while the institutions' workbooks are being written. Run
 * again, the same command completes the statements and posts nothing twice.
 */
class KilledMonthEndTest {

    private static final int ROWS = 60_000;

    @TempDir
    Path home;

    @Test
    void anApprovalKilledWhileWritingStatementsCompletesWhenRunAgainAndPostsNothingTwice() throws Exception {
        MedsettleProcess process = new MedsettleProcess(home);
        DemoCity city = new DemoCity(new DemoCity.Settings(7, 4, 20_000, 2026, 0.18, 0.0));
        city.writeInstitutions(home.resolve("institutions.csv"));
        city.writeMembers(home.resolve("members.csv"));
        city.writeApprovedAverages(home.resolve("approved-averages.csv"));
        DemoCity.Institution hospital = city.institutions().get(0);
        Path file = home.resolve("big-2026-01.csv");
        city.writeDischargeRows(file, hospital, YearMonth.of(2026, 1), StandardCharsets.UTF_8, ROWS);
        PostgresTestDatabase.Database db = PostgresTestDatabase.emptyDatabase();
        for (String[] load : new String[][] {{"institutions", "institutions.csv"}, {"members", "members.csv"},
                {"approved-averages", "approved-averages.csv"}}) {
            assertThat(process.start(db, "load", load[0], home.resolve(load[1]).toString()).waitFor()).isZero();
        }
        assertThat(process.start(db, "intake", file.toString(), "--institution", hospital.code(), "--period", "2026-01")
                .waitFor()).isZero();

        Process victim = process.start(db, "month-end", "--period", "2026-01", "--approve");
        boolean killedWhileWriting = false;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (victim.isAlive() && System.nanoTime() < deadline) {
            if (count(db, "select count(*) from batch_step_execution where step_name = 'writeInstitutionStatements'"
                    + " and status = 'STARTED'") > 0) {
                victim.destroyForcibly().waitFor();
                killedWhileWriting = true;
                break;
            }
            Thread.sleep(20);
        }
        assertThat(killedWhileWriting).as("the approval was killed while writing the statements").isTrue();
        long entries = count(db, "select count(*) from journal_entry where idempotency_key like 'month-end:2026-01:%'");
        assertThat(entries).as("the run was posted before the kill").isPositive();

        assertThat(process.start(db, "month-end", "--period", "2026-01", "--approve").waitFor()).isZero();

        assertThat(count(db, "select count(*) from journal_entry where idempotency_key like 'month-end:2026-01:%'"))
                .isEqualTo(entries);
        assertThat(count(db, "select count(*) from month_end_run where period = '2026-01'")).isEqualTo(1);
        assertThat(count(db, "select count(*) from batch_job_execution where status = 'COMPLETED' and job_execution_id in "
                + "(select job_execution_id from batch_step_execution where step_name = 'writeFundStatements')")).isEqualTo(1);
        Path statement = home.resolve("out/2026-01/statement-" + hospital.code() + "-2026-01.xlsx");
        long settlements = count(db, "select count(*) from settlement where fixmedins_code = '" + hospital.code() + "'");
        // The title, the header row, one row per settlement, the totals row.
        assertThat(StreamedWorkbook.rows(statement, "出院明细")).isEqualTo(1 + 1 + settlements + 1);
        assertThat(home.resolve("out/2026-01/fund-summary-2026-01.xlsx")).exists();
        assertThat(count(db, "select count(*) from (select sum(amount) s from posting) t where s = 0")).isEqualTo(1);
    }
}
