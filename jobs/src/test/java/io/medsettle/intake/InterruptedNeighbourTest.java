package io.medsettle.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medsettle.reference.ReferenceFileLoader;
import io.medsettle.runs.JobRuns;
import io.medsettle.support.DischargeFile;
import io.medsettle.support.MedsettleSpringTest;
import io.medsettle.support.ReferenceFiles;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A file whose intake was interrupted keeps its staged rows while other files are loaded, and
 * resumes from them: the load that ends a file empties the staging table with {@code TRUNCATE} only
 * when no other file waits in it (FileLoad), and deletes its own rows otherwise.
 */
class InterruptedNeighbourTest extends MedsettleSpringTest {

    private static final YearMonth PERIOD = YearMonth.of(2043, 3);

    @Autowired
    DischargeIntake intake;

    @Autowired
    ReferenceFileLoader referenceData;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anInterruptedFileKeepsItsStagedRowsWhileAnotherLoadsAndThenResumes(@TempDir Path dir) throws Exception {
        ReferenceFiles.in(dir.resolve("refs"))
                .institutions("HNBR,己医院,2,general")
                .members("PNBR1,周敏,320706198503031237,1,1985-03-03,in_service,2010-01-01",
                        "PNBR2,吴芳,320706198704044560,2,1987-04-04,in_service,2011-01-01")
                .load(referenceData, LocalDate.of(2043, 1, 1));
        Path waiting = DischargeFile.of("HNBR").row("NB-WAIT", "MNB1", "PNBR1", "2043-03-01", "2043-03-04", "900")
                .row("NB-A2", "MNB2", "PNBR2", "2043-03-02", "2043-03-05", "700").write(dir.resolve("a-2043-03.csv"));
        Path other = DischargeFile.of("HNBR").row("NB-B1", "MNB3", "PNBR1", "2043-03-10", "2043-03-12", "500")
                .write(dir.resolve("b-2043-03.csv"));
        // A serialization conflict while the first file's settlements are copied: an interruption
        // that running again mends, so the file stays STAGING with its rows staged.
        ownerJdbc().execute("""
                create function conflict_on_wait() returns trigger language plpgsql as $$
                begin
                    if new.setl_id = 'NB-WAIT' then
                        raise exception 'a conflict for the test' using errcode = '40001';
                    end if;
                    return new;
                end $$""");
        ownerJdbc().execute("create trigger conflict_on_wait before insert on settlement for each row execute function conflict_on_wait()");
        try {
            assertThatThrownBy(() -> intake.intake(waiting, "HNBR", PERIOD, dir.resolve("out"), JobRuns.Trigger.MANUAL))
                    .isInstanceOf(DischargeIntake.InterruptedIntakeException.class)
                    .hasMessageContaining("run the same command again");
        } finally {
            ownerJdbc().execute("drop trigger conflict_on_wait on settlement");
            ownerJdbc().execute("drop function conflict_on_wait()");
        }
        long waitingId = jdbc.queryForObject("select file_id from intake_file where file_name = 'a-2043-03.csv'", Long.class);
        assertThat(staged(waitingId)).isEqualTo(2);

        DischargeIntake.Outcome loaded = intake.intake(other, "HNBR", PERIOD, dir.resolve("out"), JobRuns.Trigger.MANUAL);
        assertThat(loaded.result()).isEqualTo(DischargeIntake.Result.LOADED);
        assertThat(loaded.rowsLoaded()).isEqualTo(1);
        assertThat(staged(loaded.fileId())).isZero();
        assertThat(staged(waitingId)).as("the waiting file's rows are not the other file's to remove").isEqualTo(2);

        DischargeIntake.Outcome resumed = intake.intake(waiting, "HNBR", PERIOD, dir.resolve("out"), JobRuns.Trigger.MANUAL);
        assertThat(resumed.result()).isEqualTo(DischargeIntake.Result.LOADED);
        assertThat(resumed.fileId()).isEqualTo(waitingId);
        assertThat(resumed.rowsLoaded()).isEqualTo(2);
        assertThat(jdbc.queryForList("select setl_id from settlement where fixmedins_code = 'HNBR' order by setl_id",
                String.class)).containsExactly("NB-A2", "NB-B1", "NB-WAIT");
        assertThat(staged(waitingId)).isZero();
    }

    private int staged(long fileId) {
        return jdbc.queryForObject("select count(*) from discharge_staging where file_id = ?", Integer.class, fileId);
    }
}
