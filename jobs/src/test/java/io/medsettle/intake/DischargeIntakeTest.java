package io.medsettle.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.reference.ReferenceFileLoader;
import io.medsettle.reference.ReferenceKind;
import io.medsettle.runs.JobRuns;
import io.medsettle.support.MedsettleSpringTest;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DischargeIntakeTest extends MedsettleSpringTest {

    static final String HEADER = "setl_id,mdtrt_id,psn_no,fixmedins_code,med_type,begndate,enddate,setl_time,"
            + "medfee_sumamt,fulamt_ownpay_amt,clab_amt,nego_antitumor_amt,hifp_pay,acct_pay,psn_part_amt,refd_setl_flag,init_setl_id\n";

    @Autowired
    DischargeIntake intake;

    @Autowired
    ReferenceFileLoader referenceData;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    @BeforeAll
    void referenceData(@TempDir Path refs) throws Exception {
        Files.writeString(refs.resolve("institutions.csv"), """
                fixmedins_code,fixmedins_name,hosp_lv,inst_kind
                HI1,甲医院,2,general
                HI2,乙医院,3,general
                """);
        // ID numbers of this class alone: test classes share a database, and a number belongs to one member.
        Files.writeString(refs.resolve("members.csv"), """
                psn_no,psn_name,certno,gend,brdy,psn_type,insu_begn_date
                PD1,王伟,320706199001011257,1,1990-01-01,in_service,2010-01-01
                PD2,李秀英,320706195001011232,2,1950-01-01,retired,2001-01-01
                """);
        referenceData.load(ReferenceKind.INSTITUTIONS, refs.resolve("institutions.csv"), LocalDate.of(2026, 1, 1));
        referenceData.load(ReferenceKind.MEMBERS, refs.resolve("members.csv"), LocalDate.of(2026, 1, 1));
    }

    private Path file(String name, String body, Charset charset) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, HEADER + body, charset);
        return file;
    }

    @Test
    void loadsTheGoodRowsOnceReportsEveryBadRowAndKeepsBothFigures() throws Exception {
        // Under lianyungang-2000 (the default profile). Line 4 is over the period, line 5 has a bad
        // amount, line 6 an unknown member, line 7 repeats S1.
        Path march = file("hi1-2026-03.csv", """
                S1,M1,PD1,HI1,21,2026-03-01,2026-03-05,2026-03-05 10:00:00,10000,0,0,0,7000.00,100,,0,
                S2,M2,PD2,HI1,21,2026-03-10,2026-03-15,2026-03-15 10:00:00,3000,100,0,0,,,,0,
                S3,M3,PD1,HI1,21,2026-03-20,2026-04-02,2026-04-02 10:00:00,500,0,0,0,,,,0,
                S4,M4,PD1,HI1,21,2026-03-20,2026-03-22,2026-03-22 10:00:00,12.345,0,0,0,,,,0,
                S5,M5,PD9,HI1,21,2026-03-20,2026-03-22,2026-03-22 10:00:00,500,0,0,0,,,,0,
                S1,M6,PD1,HI1,21,2026-03-20,2026-03-22,2026-03-22 10:00:00,500,0,0,0,,,,0,
                """, StandardCharsets.UTF_8);

        DischargeIntake.Outcome first = intake.intake(march, "HI1", YearMonth.of(2026, 3), dir.resolve("r1"), JobRuns.Trigger.MANUAL);
        DischargeIntake.Outcome again = intake.intake(march, "HI1", YearMonth.of(2026, 3), dir.resolve("r2"), JobRuns.Trigger.MANUAL);

        assertThat(first.result()).isEqualTo(DischargeIntake.Result.LOADED);
        assertThat(first.rowsRead()).isEqualTo(6);
        assertThat(first.rowsLoaded()).isEqualTo(2);
        assertThat(first.rowsRejected()).isEqualTo(4);
        assertThat(again.result()).isEqualTo(DischargeIntake.Result.ALREADY_LOADED);
        assertThat(jdbc.queryForObject("select count(*) from settlement where fixmedins_code = 'HI1'", Integer.class)).isEqualTo(2);

        // S1, level 2, in service: deductible 500; (5000 − 500) × 0.88 + 5000 × 0.92 = 3960 + 4600 = 8560.00.
        Map<String, Object> s1 = jdbc.queryForMap("select * from settlement where fixmedins_code = 'HI1' and setl_id = 'S1'");
        assertThat(s1.get("hifp_pay")).hasToString("8560.00");
        assertThat(s1.get("rpt_hifp_pay")).hasToString("7000.00");
        assertThat(s1.get("diff_flag")).isEqualTo(true);
        assertThat(s1.get("diff_fields")).isEqualTo("hifp_pay");
        assertThat(s1.get("acct_pay")).hasToString("100.00");
        assertThat(jdbc.queryForObject("select count(*) from discharge_staging", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from revision_staging", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from account_staging", Integer.class)).isZero();

        List<String> report = Files.readAllLines(csv(first), StandardCharsets.UTF_8);
        assertThat(String.join("\n", report))
                .contains("hi1-2026-03.csv,4,enddate,2026-04-02,出院日期不在结算期间2026-03内")
                .contains("hi1-2026-03.csv,5,medfee_sumamt,12.345")
                .contains("hi1-2026-03.csv,6,psn_no,PD9,参保人员不存在,member unknown")
                .contains("hi1-2026-03.csv,7,setl_id,S1,结算ID在本文件中重复");
        try (InputStream in = Files.newInputStream(first.report().orElseThrow()); XSSFWorkbook book = new XSSFWorkbook(in)) {
            assertThat(book.getSheetAt(0).getLastRowNum()).isGreaterThanOrEqualTo(4 + 4);
        }
    }

    @Test
    void aGbkFileLoadsTooAndASettlementIdIsNeverLoadedTwiceAcrossFiles() throws Exception {
        Path april = file("hi2-2026-04.csv", """
                A1,MA1,PD2,HI2,21,2026-04-01,2026-04-05,2026-04-05 10:00:00,8000,0,0,0,,,,0,
                """, Charset.forName("GBK"));
        Path aprilAgain = file("hi2-2026-04-b.csv", """
                A1,MA1,PD2,HI2,21,2026-04-01,2026-04-05,2026-04-05 10:00:00,8000,0,0,0,,,,0,
                A2,MA2,PD2,HI2,21,2026-04-11,2026-04-15,2026-04-15 10:00:00,9000,0,0,0,,,,0,
                """, Charset.forName("GBK"));

        assertThat(intake.intake(april, "HI2", YearMonth.of(2026, 4), dir.resolve("g1"), JobRuns.Trigger.MANUAL).rowsLoaded())
                .isEqualTo(1);
        DischargeIntake.Outcome second = intake.intake(aprilAgain, "HI2", YearMonth.of(2026, 4), dir.resolve("g2"),
                JobRuns.Trigger.MANUAL);

        assertThat(second.rowsLoaded()).isEqualTo(1);
        assertThat(second.rowsRejected()).isEqualTo(1);
        assertThat(Files.readString(csv(second))).contains("setl_id,A1,结算ID已于此前上传");
        // A2 is PD2's second admission of the year: the first (A1, from the other file) counts.
        // Lianyungang retiree, level 3: deductible 700, rates 1 − 0.15/2, 1 − 0.10/2, 1 − 0.05/2.
        // (5000 − 700) × 0.925 + 4000 × 0.95 = 3977.50 + 3800.00 = 7777.50
        assertThat(jdbc.queryForObject("select hifp_pay::text from settlement where fixmedins_code = 'HI2' and setl_id = 'A2'", String.class))
                .isEqualTo("7777.50");
    }

    @Test
    void aFileWithAnUnusableHeaderIsRejectedWhole() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "setl_id,psn_no\nX,PD1\n");

        DischargeIntake.Outcome outcome = intake.intake(bad, "HI1", YearMonth.of(2026, 5), dir.resolve("b"), JobRuns.Trigger.MANUAL);

        assertThat(outcome.result()).isEqualTo(DischargeIntake.Result.REJECTED);
        assertThat(outcome.message()).contains("lacks the required column(s) mdtrt_id");
        assertThat(Files.readString(csv(outcome))).contains("表头缺少必填列");
    }

    /** The CSV beside the outcome's Excel report. */
    static Path csv(DischargeIntake.Outcome outcome) {
        Path xlsx = outcome.report().orElseThrow();
        return xlsx.resolveSibling(xlsx.getFileName().toString().replaceFirst("\\.xlsx$", ".csv"));
    }
}
