package io.medsettle.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.MedsettleApplication;
import io.medsettle.monthend.MonthEnd;
import io.medsettle.reference.ReferenceFileLoader;
import io.medsettle.runs.JobRuns;
import io.medsettle.support.DischargeFile;
import io.medsettle.support.MedsettleSpringTest;
import io.medsettle.support.ReferenceFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A profile that does not accept late files (settlement.late_files.policy: refuse): a file for a
 * month already settled is refused whole, with a report that says why, never loaded silently into
 * the closed month. The profile is lianyungang-2000 with that one setting changed.
 */
@SpringBootTest(classes = MedsettleApplication.class)
class LateFileRefusedTest {

    private static final Path POLICIES = strictProfile();

    @DynamicPropertySource
    static void strict(DynamicPropertyRegistry registry) {
        MedsettleSpringTest.database(registry);
        registry.add("medsettle.policies-dir", POLICIES::toString);
        registry.add("medsettle.profile", () -> "strict-2000");
    }

    private static Path strictProfile() {
        try {
            Path dir = Files.createTempDirectory("policies");
            String lianyungang = Files.readString(Path.of("../config/policies/lianyungang-2000.yaml"));
            Files.writeString(dir.resolve("strict-2000.yaml"), lianyungang.replace("id: lianyungang-2000", "id: strict-2000")
                    .replace("late_files: {policy: settle", "late_files: {policy: refuse"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Autowired
    DischargeIntake intake;

    @Autowired
    MonthEnd monthEnd;

    @Autowired
    ReferenceFileLoader referenceData;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    @Test
    void aFileForASettledMonthIsRefusedWholeWithItsReason() throws Exception {
        ReferenceFiles.in(dir.resolve("refs"))
                .institutions("HFA,甲医院,2,general", "HFB,乙医院,2,general")
                .members("PFA,王伟,320706198508081233,1,1985-08-08,in_service,2010-01-01")
                .load(referenceData, LocalDate.of(2036, 1, 1));
        Path onTime = DischargeFile.of("HFA").row("F1", "MF1", "PFA", "2036-01-02", "2036-01-05", "3000")
                .write(dir.resolve("hfa-2036-01.csv"));
        intake.intake(onTime, "HFA", YearMonth.of(2036, 1), dir, JobRuns.Trigger.MANUAL);
        monthEnd.run(YearMonth.of(2036, 1), MonthEnd.Mode.APPROVE, JobRuns.Trigger.MANUAL);

        Path late = DischargeFile.of("HFB").row("F2", "MF2", "PFA", "2036-01-10", "2036-01-12", "3000")
                .write(dir.resolve("hfb-2036-01.csv"));
        DischargeIntake.Outcome outcome = intake.intake(late, "HFB", YearMonth.of(2036, 1), dir, JobRuns.Trigger.MANUAL);

        assertThat(outcome.result()).isEqualTo(DischargeIntake.Result.REJECTED);
        assertThat(outcome.message()).contains("2036-01 is settled and closed").contains("does not accept late files");
        assertThat(Files.readString(DischargeIntakeTest.csv(outcome))).contains("已结算关闭,本市政策不接受补报");
        assertThat(jdbc.queryForObject("select count(*) from settlement where fixmedins_code = 'HFB'", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("select status from intake_file where file_id = ?", String.class, outcome.fileId()))
                .isEqualTo("REJECTED");
    }
}
