package io.medsettle.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.reference.ReferenceFileLoader;
import io.medsettle.reference.ReferenceKind;
import io.medsettle.runs.JobRuns;
import io.medsettle.support.MedsettleSpringTest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class IntakeInboxTest extends MedsettleSpringTest {

    @Autowired
    IntakeInbox inbox;

    @Autowired
    ReferenceFileLoader referenceData;

    @Test
    void takesEveryWaitingFileAndMovesItWithItsReportToProcessedOrRejected() throws Exception {
        Path refs = Files.createTempDirectory("refs");
        Files.writeString(refs.resolve("institutions.csv"), "fixmedins_code,fixmedins_name,hosp_lv,inst_kind\nHX1,丙医院,1,community\n");
        // An ID number of this class alone: test classes share a database, and a number belongs to one member.
        Files.writeString(refs.resolve("members.csv"), "psn_no,psn_name,certno,gend,brdy,psn_type,insu_begn_date\n"
                + "PX1,王伟,320706199001011273,1,1990-01-01,in_service,2010-01-01\n");
        referenceData.load(ReferenceKind.INSTITUTIONS, refs.resolve("institutions.csv"), LocalDate.of(2026, 1, 1));
        referenceData.load(ReferenceKind.MEMBERS, refs.resolve("members.csv"), LocalDate.of(2026, 1, 1));
        Path box = HOME.resolve("var/inbox/HX1");
        Files.createDirectories(box);
        Files.writeString(box.resolve("出院结算-2026-06.csv"), DischargeIntakeTest.HEADER
                + "X1,MX1,PX1,HX1,21,2026-06-01,2026-06-05,2026-06-05 10:00:00,800,0,0,0,,,,0,\n"
                + "X2,MX2,PX1,HX1,99,2026-06-01,2026-06-05,2026-06-05 10:00:00,800,0,0,0,,,,0,\n");
        Files.writeString(box.resolve("no-period.csv"), DischargeIntakeTest.HEADER);

        List<IntakeInbox.Taken> taken = inbox.scan(JobRuns.Trigger.SCHEDULE);

        assertThat(taken).hasSize(2);
        assertThat(Files.exists(box.resolve("processed/出院结算-2026-06.csv"))).isTrue();
        IntakeInbox.Taken loaded = taken.stream().filter(t -> t.file().getFileName().toString().startsWith("出院"))
                .findFirst().orElseThrow();
        assertThat(loaded.outcome().rowsLoaded()).isEqualTo(1);
        // The printed report path is where the report is: moved beside the file.
        Path report = loaded.outcome().report().orElseThrow();
        assertThat(report.getParent()).isEqualTo(box.resolve("processed"));
        assertThat(Files.readString(report.resolveSibling(report.getFileName().toString().replace(".xlsx", ".csv"))))
                .contains("med_type,99");
        assertThat(Files.exists(box.resolve("rejected/no-period.csv"))).isTrue();
        IntakeInbox.Taken noPeriod = taken.stream().filter(t -> t.file().getFileName().toString().startsWith("no-"))
                .findFirst().orElseThrow();
        assertThat(noPeriod.outcome().report().orElseThrow()).as("a file without a period gets a report too")
                .exists().hasParent(box.resolve("rejected"));
        assertThat(inbox.scan(JobRuns.Trigger.SCHEDULE)).as("nothing left waiting").isEmpty();
    }
}
