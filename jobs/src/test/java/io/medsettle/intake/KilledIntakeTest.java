package io.medsettle.intake;

import static io.medsettle.support.MedsettleProcess.count;
import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.demo.DemoCity;
import io.medsettle.support.MedsettleProcess;
import io.medsettle.testdb.PostgresTestDatabase;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real kill: the intake runs in a separate JVM, which is killed (SIGKILL, no shutdown hooks) while
 * it adjudicates. Run again, the intake resumes and ends with every row loaded exactly once and the
 * same figures as an uninterrupted run of the same file on another database.
 */
class KilledIntakeTest {

    private static final int ROWS = 120_000;

    @TempDir
    Path home;

    private MedsettleProcess process;

    @BeforeEach
    void process() {
        process = new MedsettleProcess(home);
    }

    @Test
    void anIntakeKilledMidwayAndRunAgainLoadsEveryRowOnceWithTheSameFigures() throws Exception {
        DemoCity city = new DemoCity(new DemoCity.Settings(99, 4, 30_000, 2026, 0.18, 0.001));
        Path institutions = home.resolve("institutions.csv");
        Path members = home.resolve("members.csv");
        city.writeInstitutions(institutions);
        city.writeMembers(members);
        DemoCity.Institution hospital = city.institutions().get(0);
        Path file = home.resolve("big-2026-01.csv");
        city.writeDischargeRows(file, hospital, YearMonth.of(2026, 1), StandardCharsets.UTF_8, ROWS);

        PostgresTestDatabase.Database killed = PostgresTestDatabase.emptyDatabase();
        PostgresTestDatabase.Database uninterrupted = PostgresTestDatabase.emptyDatabase();
        for (PostgresTestDatabase.Database db : List.of(killed, uninterrupted)) {
            assertThat(process.start(db, "load", "institutions", institutions.toString()).waitFor()).isZero();
            assertThat(process.start(db, "load", "members", members.toString()).waitFor()).isZero();
        }
        String[] intake = {"intake", file.toString(), "--institution", hospital.code(), "--period", "2026-01"};

        Process victim = process.start(killed, intake);
        // Killed while loading: half a second after the step started (for this file it takes several
        // seconds), when its streamed settlements are partly sent and none committed.
        long adjudicationSeen = 0;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (victim.isAlive() && System.nanoTime() < deadline) {
            if (adjudicationSeen == 0 && count(killed, "select count(*) from batch_step_execution"
                    + " where step_name = 'loadDischarges' and status = 'STARTED'") > 0) {
                adjudicationSeen = System.nanoTime();
            }
            if (adjudicationSeen != 0 && System.nanoTime() - adjudicationSeen > TimeUnit.MILLISECONDS.toNanos(500)) {
                victim.destroyForcibly().waitFor();
                break;
            }
            Thread.sleep(20);
        }
        boolean killedWhileLoading = !victim.isAlive()
                && count(killed, "select count(*) from batch_step_execution where step_name = 'loadDischarges'"
                        + " and status = 'STARTED'") == 1;
        assertThat(killedWhileLoading).as("the intake was killed while loading").isTrue();
        assertThat(count(killed, "select count(*) from settlement")).as("nothing counts before the load").isZero();
        assertThat(count(killed, "select count(*) from batch_job_execution where status = 'STARTED'")).isEqualTo(1);

        int resumed = process.start(killed, intake).waitFor();
        int clean = process.start(uninterrupted, intake).waitFor();

        assertThat(resumed).as("exit code (1: some rows were rejected)").isEqualTo(clean);
        long loaded = count(killed, "select count(*) from settlement");
        assertThat(loaded).isGreaterThan(ROWS * 9L / 10);
        assertThat(count(killed, "select count(distinct setl_id) from settlement")).isEqualTo(loaded);
        assertThat(figures(killed)).isEqualTo(figures(uninterrupted));
        assertThat(count(killed, "select count(*) from intake_problem")).isEqualTo(count(uninterrupted, "select count(*) from intake_problem"));
        assertThat(count(killed, "select count(*) from batch_step_execution where step_name = 'loadDischarges'"))
                .as("the load step ran twice: killed, then resumed").isEqualTo(2);
    }

    /** Every loaded settlement's recomputed figures, in one text, for comparison. */
    private static String figures(PostgresTestDatabase.Database db) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             ResultSet rs = c.createStatement().executeQuery("""
                     select md5(string_agg(concat_ws('|', setl_id, eligible, reason, preselfpay_amt, inscp_scp_amt,
                            act_pay_dedc, hifp_pay, overcap_amt, hifob_pay, psn_part_amt, acct_pay, diff_flag), ',' order by setl_id)),
                            count(*), sum(hifp_pay)
                       from settlement""")) {
            rs.next();
            return rs.getString(1) + " " + rs.getLong(2) + " " + rs.getBigDecimal(3);
        }
    }
}
