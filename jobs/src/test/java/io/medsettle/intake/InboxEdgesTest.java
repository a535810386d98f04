package io.medsettle.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.reference.ReferenceFileLoader;
import io.medsettle.runs.JobRuns;
import io.medsettle.support.DischargeFile;
import io.medsettle.support.MedsettleSpringTest;
import io.medsettle.support.ReferenceFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One bad inbox file never blocks the others (issue 9, point 5): a file whose intake fails, a file
 * in an inbox named after no institution, a file without a period in its name each end in
 * {@code rejected/} with a report saying why, and the scan goes on; a file still being written
 * (its name starts with a dot) waits; a file never replaces an earlier one of the same name.
 */
class InboxEdgesTest extends MedsettleSpringTest {

    @Autowired
    IntakeInbox inbox;

    @Autowired
    ReferenceFileLoader referenceData;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyFileComesToItsOwnEndAndTheScanGoesOn() throws Exception {
        Path refs = Files.createTempDirectory("refs");
        ReferenceFiles.in(refs)
                .institutions("HXE,戊医院,1,community")
                .members("PXE,王伟,320706199201015615,1,1992-01-01,in_service,2010-01-01")
                .load(referenceData, LocalDate.of(2039, 1, 1));
        Path box = HOME.resolve("var/inbox/HXE");
        DischargeFile.of("HXE").row("BOOM", "MBOOM", "PXE", "2039-02-01", "2039-02-03", "800").write(box.resolve("a-2039-02.csv"));
        DischargeFile.of("HXE").row("E1", "ME1", "PXE", "2039-02-01", "2039-02-03", "800").write(box.resolve("b-2039-02.csv"));
        DischargeFile.of("HXE").row("E2", "ME2", "PXE", "2039-02-05", "2039-02-06", "800").write(box.resolve(".c-2039-02.csv"));
        Files.createDirectories(box.resolve("processed"));
        Files.writeString(box.resolve("processed/b-2039-02.csv"), "an earlier file of the same name\n");
        DischargeFile.of("NOSUCH").row("N1", "MN1", "PXE", "2039-02-01", "2039-02-03", "800")
                .write(HOME.resolve("var/inbox/NOSUCH/2039-02.csv"));
        // A defect the checks let through, for one file only: a trigger of the owner's.
        ownerJdbc().execute("""
                create function refuse_boom() returns trigger language plpgsql as $$
                begin
                    if new.setl_id = 'BOOM' then raise exception 'a defect for the test'; end if;
                    return new;
                end $$""");
        ownerJdbc().execute("create trigger refuse_boom before insert on discharge_staging for each row execute function refuse_boom()");
        List<IntakeInbox.Taken> taken;
        try {
            taken = inbox.scan(JobRuns.Trigger.SCHEDULE);
        } finally {
            ownerJdbc().execute("drop trigger refuse_boom on discharge_staging");
            ownerJdbc().execute("drop function refuse_boom()");
        }

        assertThat(taken).extracting(t -> t.file().getFileName().toString())
                .containsExactlyInAnyOrder("a-2039-02.csv", "b-2039-02.csv", "2039-02.csv");
        IntakeInbox.Taken failed = one(taken, "a-2039-02.csv");
        assertThat(failed.outcome().result()).isEqualTo(DischargeIntake.Result.REJECTED);
        assertThat(failed.outcome().message()).contains("an internal error stopped the intake");
        assertThat(failed.movedTo()).isEqualTo(box.resolve("rejected/a-2039-02.csv")).exists();
        assertThat(failed.outcome().report().orElseThrow()).exists().hasParent(box.resolve("rejected"));

        IntakeInbox.Taken loaded = one(taken, "b-2039-02.csv");
        assertThat(loaded.outcome().rowsLoaded()).isEqualTo(1);
        assertThat(loaded.movedTo()).as("the earlier file of the same name is kept")
                .isEqualTo(box.resolve("processed/2-b-2039-02.csv"));
        assertThat(Files.readString(box.resolve("processed/b-2039-02.csv"))).startsWith("an earlier file");

        IntakeInbox.Taken unknown = one(taken, "2039-02.csv");
        assertThat(unknown.outcome().message()).contains("NOSUCH is not the code of a known institution");
        assertThat(unknown.outcome().report().orElseThrow()).exists();
        assertThat(box.resolve(".c-2039-02.csv")).as("still being written: it waits").exists();
        assertThat(jdbc.queryForObject("select count(*) from intake_file where status = 'STAGING'", Integer.class)).isZero();
    }

    private static IntakeInbox.Taken one(List<IntakeInbox.Taken> taken, String name) {
        return taken.stream().filter(t -> t.file().getFileName().toString().equals(name)).findFirst().orElseThrow();
    }
}
