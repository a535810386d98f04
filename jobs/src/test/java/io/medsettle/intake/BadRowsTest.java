package io.medsettle.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.reference.ReferenceFileLoader;
import io.medsettle.runs.JobRuns;
import io.medsettle.support.DischargeFile;
import io.medsettle.support.MedsettleSpringTest;
import io.medsettle.support.ReferenceFiles;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A bad row never stops the rest (issue 9, point 4): every value is checked against what the
 * schema can hold before it is staged, so each of these is a row problem with its reason and the
 * file's other rows load; a file that stops being CSV after its header is rejected whole with its
 * report; and a failure that running again would only repeat rejects the file instead of leaving it
 * stuck, so that it can be sent again. Nothing is left unfinished in any case.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadRowsTest extends MedsettleSpringTest {

    @Autowired
    DischargeIntake intake;

    @Autowired
    ReferenceFileLoader referenceData;

    @Autowired
    JdbcTemplate jdbc;

    @Value("${spring.datasource.url}")
    String url;

    @Value("${spring.flyway.user}")
    String owner;

    @Value("${spring.flyway.password}")
    String ownerPassword;

    @TempDir
    Path dir;

    @BeforeAll
    void referenceData(@TempDir Path refs) {
        ReferenceFiles.in(refs)
                .institutions("HBR,甲医院,1,general")
                .members("PBR,王伟,320706198508085111,1,1985-08-08,in_service,2010-01-01",
                        "PBS,李娜,320706199304179137,2,1993-04-17,in_service,2012-01-01")
                .load(referenceData, LocalDate.of(2036, 1, 1));
    }

    private DischargeIntake.Outcome take(Path file, String period) {
        return intake.intake(file, "HBR", YearMonth.parse(period), dir, JobRuns.Trigger.MANUAL);
    }

    private int unfinished() {
        return jdbc.queryForObject("select count(*) from intake_file where status = 'STAGING'", Integer.class);
    }

    @Test
    void eachValueTheSchemaCannotHoldIsARowProblemAndTheOtherRowsLoad() throws Exception {
        String ok = ",PBR,HBR,21,2036-05-01,2036-05-03,2036-05-03 10:00:00,";
        Path file = DischargeFile.of("HBR")
                .raw("G1,MG1" + ok + "3000,0,,,0,,I10.x00")                                       // 2: loads
                .raw("B1,MB1" + ok + "3000,0,,,0,,ABCDEFGHIJKLMNOPQRSTU")                          // 3: dise_codg of 21
                .raw("B2,MB2" + ok + "1234567890123,0,,,0,,")                                      // 4: 13 digits
                .raw("B3,MB3,PBR,HBR,21,0000-05-01,2036-05-03,2036-05-03 10:00:00,3000,0,,,0,,")   // 5: year 0000
                .raw("B4,MB4" + ok + "0,0,,,1," + "X".repeat(41) + ",")                            // 6: init_setl_id of 41
                .raw("K1,MG1,PBR,HBR,21,2036-05-01,2036-05-06,2036-05-06 16:00:00,0,0,,,1,G1,")    // 7: loads
                .raw("K2,MG1,PBR,HBR,21,2036-05-01,2036-05-07,2036-05-07 16:00:00,0,0,,,1,G1,")    // 8: G1 cancelled twice
                .raw("B5\u0000,MB5" + ok + "3000,0,,,0,,")                                         // 9: a NUL byte
                .raw("B6,MB6,../../x,HBR,21,2036-05-01,2036-05-03,2036-05-03 10:00:00,3000,0,,,0,,") // 10: not a member number
                .raw("B7,M\tB7" + ok + "3000,0,,,0,,")                                             // 11: a tab in an id
                // 12: level 1, in scope 1000: fund (1000 − 300) × 0.90 = 630.00, the member's share 370.00 < 500.00
                .raw("B8,MB8" + ok + "1000,0,500.00,,0,,")
                .raw("G2,MG2,PBR,HBR,21,2036-05-10,2036-05-12,2036-05-12 10:00:00,3000,0,,,0,,")   // 13: loads
                .raw("K3,MG2,PBS,HBR,21,2036-05-10,2036-05-13,2036-05-13 16:00:00,0,0,,,1,G2,")    // 14: PBS cancels PBR's G2
                .write(dir.resolve("hbr-2036-05.csv"));

        DischargeIntake.Outcome outcome = take(file, "2036-05");

        assertThat(outcome.result()).isEqualTo(DischargeIntake.Result.LOADED);
        assertThat(outcome.rowsRead()).isEqualTo(13);
        assertThat(outcome.rowsLoaded()).isEqualTo(3);
        assertThat(outcome.rowsRejected()).isEqualTo(10);
        assertThat(Files.readString(DischargeIntakeTest.csv(outcome), StandardCharsets.UTF_8))
                .contains(",3,dise_codg,ABCDEFGHIJKLMNOPQRSTU,长度超过20个字符")
                .contains(",4,medfee_sumamt,1234567890123,金额过大")
                .contains(",5,begndate,0000-05-01,年份应在1900到2099之间")
                .contains(",6,init_setl_id," + "X".repeat(41) + ",长度超过40个字符")
                .contains(",8,init_setl_id,G1,同一原结算在本文件中被冲销两次")
                .contains(",9,setl_id,B5?,含有控制字符")
                .contains(",10,psn_no,../../x,人员编号应为1到30位字母或数字")
                .contains(",11,mdtrt_id,M?B7,含有控制字符")
                .contains(",12,acct_pay,500.00,个人账户支付超过重新核算的个人负担")
                .contains(",14,psn_no,PBS,冲销记录的人员编号与原结算不一致");
        assertThat(unfinished()).isZero();
    }

    @Test
    void aFileThatStopsBeingCsvAfterItsHeaderIsRejectedWholeAndCanBeSentAgainCorrected() throws Exception {
        Path file = dir.resolve("hbr-2036-06.csv");
        Files.writeString(file, DischargeFile.HEADER + "\n"
                + "H1,MH1,PBR,HBR,21,2036-06-01,2036-06-03,2036-06-03 10:00:00,3000,0,,,0,,\n"
                + "H2,\"MH2,PBR,HBR,21,2036-06-01,2036-06-03,2036-06-03 10:00:00,3000,0,,,0,,\n");

        DischargeIntake.Outcome outcome = take(file, "2036-06");

        assertThat(outcome.result()).isEqualTo(DischargeIntake.Result.REJECTED);
        assertThat(outcome.message()).contains("the whole file was rejected").contains("malformed CSV");
        assertThat(Files.readString(DischargeIntakeTest.csv(outcome), StandardCharsets.UTF_8)).contains("CSV格式错误");
        assertThat(jdbc.queryForObject("select count(*) from settlement where fixmedins_code = 'HBR' and setl_id = 'H1'",
                Integer.class)).as("all its good rows or nothing").isZero();
        assertThat(jdbc.queryForObject("select count(*) from discharge_staging where file_id = ?", Integer.class,
                outcome.fileId())).isZero();
        assertThat(unfinished()).isZero();

        Files.writeString(file, DischargeFile.HEADER + "\n"
                + "H1,MH1,PBR,HBR,21,2036-06-01,2036-06-03,2036-06-03 10:00:00,3000,0,,,0,,\n");
        assertThat(take(file, "2036-06").rowsLoaded()).isEqualTo(1);
    }

    @Test
    void aFailureThatWouldOnlyRepeatRejectsTheFileInsteadOfLeavingItStuck() throws Exception {
        // A defect the checks let through, played by a trigger of the owner's that refuses one value.
        try (Connection c = DriverManager.getConnection(url, owner, ownerPassword); Statement s = c.createStatement()) {
            s.execute("""
                    create function refuse_boom() returns trigger language plpgsql as $$
                    begin
                        if new.setl_id = 'BOOM' then raise exception 'a defect for the test'; end if;
                        return new;
                    end $$""");
            s.execute("create trigger refuse_boom before insert on discharge_staging for each row execute function refuse_boom()");
        }
        Path file = DischargeFile.of("HBR").row("BOOM", "MBOOM", "PBR", "2036-07-01", "2036-07-03", "3000")
                .write(dir.resolve("hbr-2036-07.csv"));
        try {
            DischargeIntake.Outcome outcome = take(file, "2036-07");

            assertThat(outcome.result()).isEqualTo(DischargeIntake.Result.REJECTED);
            assertThat(outcome.message()).contains("an internal error stopped the intake").contains("a defect for the test")
                    .contains("can be sent again").doesNotContain("run the same command again");
            assertThat(outcome.report()).isPresent();
            assertThat(unfinished()).isZero();
        } finally {
            try (Connection c = DriverManager.getConnection(url, owner, ownerPassword); Statement s = c.createStatement()) {
                s.execute("drop trigger refuse_boom on discharge_staging");
                s.execute("drop function refuse_boom()");
            }
        }
        assertThat(take(file, "2036-07").rowsLoaded()).as("the same file, sent again once mended").isEqualTo(1);
    }
}
