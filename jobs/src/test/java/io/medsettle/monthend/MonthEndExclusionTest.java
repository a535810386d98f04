package io.medsettle.monthend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medsettle.intake.DischargeIntake;
import io.medsettle.reference.ReferenceFileLoader;
import io.medsettle.runs.JobRuns;
import io.medsettle.runs.RunInProgressException;
import io.medsettle.support.DischargeFile;
import io.medsettle.support.MedsettleSpringTest;
import io.medsettle.support.ReferenceFiles;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Intake and month-end approval exclude each other (issue 9, point 2): an approval waits for a
 * running intake and takes what it loaded; an intake started during an approval is refused with who
 * holds the run; and an approval refuses, naming the files, while a file of its month or an earlier
 * one was interrupted and is unfinished, until it is finished or given up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonthEndExclusionTest extends MedsettleSpringTest {

    /** The advisory lock's keys, as JobRuns takes them: medsettle's namespace and the intakes' key. */
    private static final int NAMESPACE = 0x4D53;

    @Autowired
    DischargeIntake intake;

    @Autowired
    MonthEnd monthEnd;

    @Autowired
    ReferenceFileLoader referenceData;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    @BeforeAll
    void referenceData(@TempDir Path refs) {
        ReferenceFiles.in(refs)
                .institutions("HXA,甲医院,2,general")
                .members("PXA,王伟,320706199007075518,1,1990-07-07,in_service,2010-01-01")
                .load(referenceData, LocalDate.of(2033, 1, 1));
    }

    private DischargeIntake.Outcome take(String setlId, String period) {
        YearMonth month = YearMonth.parse(period);
        Path file = DischargeFile.of("HXA").row(setlId, "M" + setlId, "PXA", month.atDay(2).toString(),
                month.atDay(5).toString(), "3000").write(dir.resolve(setlId + "-" + period + ".csv"));
        return intake.intake(file, "HXA", month, dir, JobRuns.Trigger.MANUAL);
    }

    @Test
    void anApprovalWaitsForARunningIntakeAndAnIntakeIsRefusedDuringAnApproval() throws Exception {
        take("X1", "2034-01");
        try (Connection intakeRunning = dataSource.getConnection(); Statement s = intakeRunning.createStatement()) {
            s.execute("select pg_advisory_lock(" + NAMESPACE + ", " + JobRuns.INTAKE_LOCK.hashCode() + ")");
            CompletableFuture<MonthEnd.Outcome> approval = CompletableFuture.supplyAsync(
                    () -> monthEnd.run(YearMonth.of(2034, 1), MonthEnd.Mode.APPROVE, JobRuns.Trigger.MANUAL));
            Thread.sleep(1500);
            assertThat(approval).as("the approval waits while the intake runs").isNotDone();
            assertThat(jdbc.queryForObject("select count(*) from month_end_run where period = '2034-01'", Integer.class)).isZero();
            s.execute("select pg_advisory_unlock(" + NAMESPACE + ", " + JobRuns.INTAKE_LOCK.hashCode() + ")");
            assertThat(approval.get(2, TimeUnit.MINUTES).approved()).isTrue();
        }

        try (Connection approving = dataSource.getConnection(); Statement s = approving.createStatement()) {
            approving.setAutoCommit(false);
            s.execute("select pg_advisory_xact_lock(" + NAMESPACE + ", " + JobRuns.INTAKE_LOCK.hashCode() + ")");
            assertThatThrownBy(() -> take("X2", "2034-02")).isInstanceOf(RunInProgressException.class)
                    .hasMessageContaining("is already running");
            approving.rollback();
        }
        assertThat(take("X2", "2034-02").rowsLoaded()).as("taken in once the approval is over").isEqualTo(1);
    }

    @Test
    void anApprovalRefusesWhileAFileOfItsMonthIsUnfinishedUntilItIsGivenUp() {
        take("Y1", "2035-03");
        // An intake killed before its load committed leaves its file registered and unfinished.
        long unfinished = jdbc.queryForObject("""
                insert into intake_file (sha256, fixmedins_code, period, file_name, status, received_at)
                values (repeat('e', 64), 'HXA', '2035-02', 'hxa-2035-02.csv', 'STAGING', now()) returning file_id""",
                Long.class);

        assertThatThrownBy(() -> monthEnd.run(YearMonth.of(2035, 3), MonthEnd.Mode.APPROVE, JobRuns.Trigger.MANUAL))
                .isInstanceOf(MonthEnd.UnfinishedFilesException.class)
                .hasMessageContaining("#" + unfinished + " hxa-2035-02.csv (HXA 2035-02)")
                .hasMessageContaining("intake --abandon");
        assertThat(monthEnd.run(YearMonth.of(2035, 1), MonthEnd.Mode.APPROVE, JobRuns.Trigger.MANUAL).approved())
                .as("an earlier month is not held up by a later file").isTrue();

        assertThat(intake.abandon(unfinished)).isTrue();
        assertThat(intake.abandon(unfinished)).as("given up once").isFalse();
        assertThat(jdbc.queryForObject("select status from intake_file where file_id = ?", String.class, unfinished))
                .isEqualTo("REJECTED");
        assertThat(monthEnd.run(YearMonth.of(2035, 3), MonthEnd.Mode.APPROVE, JobRuns.Trigger.MANUAL).approved()).isTrue();
    }
}
