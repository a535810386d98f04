package io.medsettle.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.cli.MedsettleCommand;
import io.medsettle.reference.ReferenceFileLoader;
import io.medsettle.runs.JobRuns;
import io.medsettle.support.DischargeFile;
import io.medsettle.support.MedsettleProcess;
import io.medsettle.support.MedsettleSpringTest;
import io.medsettle.support.ReferenceFiles;
import io.medsettle.testdb.PostgresTestDatabase;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import picocli.CommandLine;

/**
 * Identity and paths (issue 9, point 7): a file is known by its institution and its content; the
 * same bytes from another institution, or sent again after an attempt that loaded nothing, are taken
 * in; reports of two files of the same name never overwrite each other; and an institution option
 * that is not a code is a usage error before anything is written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntakeIdentityTest extends MedsettleSpringTest {

    @Autowired
    DischargeIntake intake;

    @Autowired
    ReferenceFileLoader referenceData;

    @TempDir
    Path dir;

    @BeforeAll
    void referenceData(@TempDir Path refs) {
        ReferenceFiles.in(refs)
                .institutions("HIA,甲医院,2,general", "HIB,乙医院,2,general")
                .members("PIA,王伟,320706196006065314,1,1960-06-06,in_service,2010-01-01")
                .load(referenceData, LocalDate.of(2037, 1, 1));
    }

    private DischargeIntake.Outcome take(Path file, String institution, String period) {
        return intake.intake(file, institution, YearMonth.parse(period), dir.resolve("reports"), JobRuns.Trigger.MANUAL);
    }

    @Test
    void theSameBytesFromAnotherInstitutionAreANewFileNotAnotherHospitalsLoadedOne() {
        Path file = DischargeFile.of("HIA").row("I1", "MI1", "PIA", "2037-01-02", "2037-01-05", "3000")
                .write(dir.resolve("2037-01.csv"));
        assertThat(take(file, "HIA", "2037-01").rowsLoaded()).isEqualTo(1);

        DischargeIntake.Outcome other = take(file, "HIB", "2037-01");

        assertThat(other.result()).isEqualTo(DischargeIntake.Result.LOADED);
        assertThat(other.message()).doesNotContain("already loaded");
        assertThat(other.rowsRejected()).as("its rows name another institution").isEqualTo(1);
        assertThat(take(file, "HIA", "2037-01").result()).isEqualTo(DischargeIntake.Result.ALREADY_LOADED);
    }

    @Test
    void aFileSentAgainAfterAnAttemptThatLoadedNothingIsTakenIn() {
        Path file = DischargeFile.of("HIA").row("I2", "MI2", "PIA", "2037-02-02", "2037-02-05", "3000")
                .write(dir.resolve("hia-feb.csv"));
        DischargeIntake.Outcome wrongPeriod = take(file, "HIA", "2037-03");
        assertThat(wrongPeriod.rowsLoaded()).isZero();

        DischargeIntake.Outcome right = take(file, "HIA", "2037-02");

        assertThat(right.result()).isEqualTo(DischargeIntake.Result.LOADED);
        assertThat(right.rowsLoaded()).isEqualTo(1);
        assertThat(right.fileId()).isNotEqualTo(wrongPeriod.fileId());
    }

    @Test
    void reportsOfTwoFilesOfTheSameNameNeverOverwriteEachOther() throws Exception {
        Path first = DischargeFile.of("HIA").row("I3", "MI3", "PIA", "2037-04-02", "2037-04-05", "-1")
                .write(dir.resolve("a").resolve("2037-04.csv"));
        Path second = DischargeFile.of("HIA").row("I4", "MI4", "PIA", "2037-04-02", "2037-04-05", "x")
                .write(dir.resolve("b").resolve("2037-04.csv"));

        Path one = take(first, "HIA", "2037-04").report().orElseThrow();
        Path two = take(second, "HIA", "2037-04").report().orElseThrow();

        assertThat(one).isNotEqualTo(two).hasParent(two.getParent());
        assertThat(Files.readString(DischargeIntakeTest.csv(take(first, "HIA", "2037-04")))).contains("-1");
        assertThat(Files.readString(DischargeIntakeTest.csv(take(second, "HIA", "2037-04")))).contains(",x,");
    }

    @Test
    void anInstitutionOptionThatIsNotACodeIsAUsageErrorBeforeAnythingIsWritten() throws Exception {
        Path file = DischargeFile.of("HIA").write(dir.resolve("x-2037-05.csv"));
        StringWriter err = new StringWriter();
        CommandLine cli = MedsettleCommand.commandLine();
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("intake", file.toString(), "--institution", "../../../x", "--period", "2037-05");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--institution '../../../x' is not an institution code");
    }

    @Test
    void anUnknownInstitutionIsAUsageErrorThatSaysSo(@TempDir Path home) throws Exception {
        Path file = DischargeFile.of("HZZ").write(dir.resolve("hzz-2037-06.csv"));
        Process command = new MedsettleProcess(home).start(PostgresTestDatabase.emptyDatabase(), "intake", file.toString(),
                "--institution", "HZZ", "--period", "2037-06");

        assertThat(command.waitFor()).isEqualTo(2);
        try (var logs = Files.list(home)) {
            Path log = logs.filter(p -> p.getFileName().toString().startsWith("child-")).findFirst().orElseThrow();
            assertThat(Files.readString(log)).contains("--institution HZZ is not a known institution");
        }
    }
}
