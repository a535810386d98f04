package io.medsettle.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.ledger.Money;
import io.medsettle.monthend.MonthEnd;
import io.medsettle.reference.ReferenceFileLoader;
import io.medsettle.runs.JobRuns;
import io.medsettle.settlement.SettlementLine;
import io.medsettle.support.DischargeFile;
import io.medsettle.support.MedsettleSpringTest;
import io.medsettle.support.ReferenceFiles;

import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Files arriving out of order (issue 9, point 1 and 2): a member's admission at hospital B, dated
 * before one already loaded from hospital A, re-adjudicates A's settlement; A's loaded row is never
 * changed, its new figures are a revision; in an open month the month-end settles the latest figures,
 * in a closed one the difference is an adjustment line of the next month-end, and B's late file is
 * settled there as late lines. Worked by hand under lianyungang-2000 (DOMAIN.md §1 and the profile's
 * assumed values): level 2, in service: deductible 500; fund rates 88 % up to 5000, 92 % to 10000,
 * 96 % above; cap 40000 of in-scope cost a year; the assistance fund pays 90 % of the cost above it
 * while the year's in-scope cost stays within 100000.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReAdjudicationTest extends MedsettleSpringTest {

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

    @BeforeAll
    void referenceData(@TempDir Path refs) {
        ReferenceFiles.in(refs)
                .institutions("HRA,甲医院,2,general", "HRB,乙医院,2,general", "HLA,丙医院,2,general", "HLB,丁医院,2,general")
                .members("PR1,王伟,320706198001011236,1,1980-01-01,in_service,2010-01-01",
                        "PL1,李娜,320706198002021233,2,1980-02-02,in_service,2010-01-01",
                        "PL2,张强,320706198103031238,1,1981-03-03,in_service,2010-01-01")
                .averages("HLA,2032,10000.00", "HLB,2032,12000.00")
                .load(referenceData, LocalDate.of(2030, 1, 1));
    }

    private DischargeIntake.Outcome take(DischargeFile file, String institution, String period) {
        Path path = file.write(dir.resolve(institution + "-" + period + "-" + System.nanoTime() + ".csv"));
        return intake.intake(path, institution, YearMonth.parse(period), dir, JobRuns.Trigger.MANUAL);
    }

    private Map<String, Object> current(String institution, String setlId) {
        return jdbc.queryForMap("select * from current_settlement where fixmedins_code = ? and setl_id = ?",
                institution, setlId);
    }

    @Test
    void anEarlierAdmissionArrivingLaterRevisesTheLoadedSettlementWithoutChangingIt() {
        // A's admission on 20 January, alone in the year: in-scope 20000 within the cap;
        // (5000 − 500) × 0.88 + 5000 × 0.92 + 10000 × 0.96 = 3960 + 4600 + 9600 = 18160.00.
        take(DischargeFile.of("HRA").row("R2", "MR2", "PR1", "2031-01-15", "2031-01-20", "20000"), "HRA", "2031-01");
        assertThat(current("HRA", "R2").get("hifp_pay")).hasToString("18160.00");

        // B's admission on 10 January comes first in the member's year: in-scope 30000 within the cap,
        // 3960 + 4600 + 20000 × 0.96 = 27760.00. A's admission now finds 10000 of the cap left: fund on
        // 500..10000 = 3960 + 4600 = 8560.00, over-cap cost 10000.00, of which the assistance fund pays
        // 90 % = 9000.00 (the year's in-scope cost, 50000, stays within 100000).
        DischargeIntake.Outcome b = take(DischargeFile.of("HRB").row("R1", "MR1", "PR1", "2031-01-05", "2031-01-10", "30000"),
                "HRB", "2031-01");

        assertThat(b.revisedOther()).as("A's settlement was re-adjudicated").isEqualTo(1);
        assertThat(b.revised()).isZero();
        assertThat(b.message()).contains("1 settlement(s) of other institutions");
        assertThat(current("HRB", "R1").get("hifp_pay")).hasToString("27760.00");
        Map<String, Object> revised = current("HRA", "R2");
        assertThat(revised.get("revision")).hasToString("2");
        assertThat(revised.get("hifp_pay")).hasToString("8560.00");
        assertThat(revised.get("overcap_amt")).hasToString("10000.00");
        assertThat(revised.get("hifob_pay")).hasToString("9000.00");
        // The loaded row itself is as it was loaded; its revision names the file that caused it.
        assertThat(jdbc.queryForObject("select hifp_pay::text from settlement where fixmedins_code = 'HRA' and setl_id = 'R2'",
                String.class)).isEqualTo("18160.00");
        assertThat(jdbc.queryForObject("select file_id from settlement_revision where fixmedins_code = 'HRA' and setl_id = 'R2'",
                Long.class)).isEqualTo(b.fileId());

        // The same file again changes nothing: it is recognised.
        assertThat(intake.intake(dir.resolve(Path.of(jdbc.queryForObject("select file_name from intake_file where file_id = ?",
                String.class, b.fileId()))), "HRB", YearMonth.of(2031, 1), dir, JobRuns.Trigger.MANUAL).result())
                .isEqualTo(DischargeIntake.Result.ALREADY_LOADED);
    }

    @Test
    void aLateFileIsSettledNextMonthAndTheRevisionItCausesIsAnAdjustmentLineNamingTheClosedMonth() throws Exception {
        take(DischargeFile.of("HLA").row("L2", "ML2", "PL1", "2032-01-15", "2032-01-20", "20000"), "HLA", "2032-01");
        MonthEnd.Outcome january = monthEnd.run(YearMonth.of(2032, 1), MonthEnd.Mode.APPROVE, JobRuns.Trigger.MANUAL);
        // HLA: 1 discharge × 10000 − member self-pay (20000 − 18160 = 1840) = 8160.00.
        assertThat(line(january, "HLA").due()).isEqualTo(Money.of("8160.00"));

        DischargeIntake.Outcome late = take(DischargeFile.of("HLB").row("L1", "ML1", "PL1", "2032-01-05", "2032-01-10", "30000"),
                "HLB", "2032-01");
        assertThat(late.result()).isEqualTo(DischargeIntake.Result.LOADED);
        assertThat(late.late()).isTrue();
        assertThat(late.revisedOther()).isEqualTo(1);
        assertThat(late.message()).contains("late file (补报)");

        take(DischargeFile.of("HLA").row("L3", "ML3", "PL2", "2032-02-08", "2032-02-10", "4000"), "HLA", "2032-02");
        MonthEnd.Outcome february = monthEnd.run(YearMonth.of(2032, 2), MonthEnd.Mode.APPROVE, JobRuns.Trigger.MANUAL);

        // HLA's own February (DOMAIN.md §2): L3, 4000 in scope: fund (4000 − 500) × 0.88 = 3080.00,
        // self-pay 920.00, due 10000 − 920 = 9080.00, 90 % paid now: 8172.00.
        SettlementLine hla = line(february, "HLA");
        assertThat(hla.figures().discharges()).isEqualTo(1);
        assertThat(hla.due()).isEqualTo(Money.of("9080.00"));
        assertThat(hla.paidNow()).isEqualTo(Money.of("8172.00"));
        // Its adjustment line, L2 revised: self-pay 20000 − 8560 − 10000 = 1440.00 instead of 1840.00, so
        // the line's average-cost amount is 0 discharges × 10000 − (−400.00) = 400.00 (360.00 paid now);
        // the assistance fund's 9000.00 comes in the supplementary stream (8100.00 paid now).
        assertThat(hla.adjustments().lines()).isEqualTo(1);
        assertThat(hla.adjustments().pooled().total()).isEqualTo(Money.of("400.00"));
        assertThat(hla.adjustments().supplementary().total()).isEqualTo(Money.of("9000.00"));
        assertThat(hla.adjustments().paidNow()).isEqualTo(Money.of("8460.00"));
        assertThat(hla.payment().paid()).isEqualTo(Money.of("16632.00"));
        // HLB had nothing in February: its late line is one discharge at HLB's average, 12000, less the
        // member's self-pay of 30000 − 27760 = 2240.00: 9760.00, outside February's own allocation.
        SettlementLine hlb = line(february, "HLB");
        assertThat(hlb.figures().discharges()).isZero();
        assertThat(hlb.allocated()).isEqualTo(Money.ZERO);
        assertThat(hlb.adjustments().pooled().total()).isEqualTo(Money.of("9760.00"));
        assertThat(hlb.adjustments().pooled().paidNow()).isEqualTo(Money.of("8784.00"));
        assertThat(hlb.payment().paid()).isEqualTo(Money.of("8784.00"));
        // In the ledger, each line is an entry of its own that names it.
        assertThat(jdbc.queryForObject("select description from journal_entry where idempotency_key = ?", String.class,
                "month-end:2032-02:HLA:adjustment:L2"))
                .isEqualTo("2032-02 以前期间调整 HLA 重新核算 L2 (所属期间 2032-01, 原结算于 2032-01)");
        assertThat(jdbc.queryForObject("select description from journal_entry where idempotency_key = ?", String.class,
                "month-end:2032-02:HLB:adjustment:L1")).isEqualTo("2032-02 以前期间调整 HLB 补报 L1 (所属期间 2032-01)");

        // Which run settled what: L2 in January at revision 1, its difference in February at revision 2.
        assertThat(jdbc.queryForList("""
                        select l.setl_id, r.period, l.kind, l.revision from settled_line l join month_end_run r on r.run_id = l.run_id
                         where l.setl_id in ('L1', 'L2') order by l.setl_id, r.period""")).extracting(Map::values)
                .map(List::copyOf).map(Object::toString)
                .containsExactly("[L1, 2032-02, late, 1]", "[L2, 2032-01, regular, 1]", "[L2, 2032-02, revision, 2]");

        Path out = february.statements();
        try (InputStream in = Files.newInputStream(out.resolve("statement-HLA-2032-02.xlsx")); XSSFWorkbook book = new XSSFWorkbook(in)) {
            Sheet adjustments = book.getSheet("调整");
            Row l2 = rowStartingWith(adjustments, "重新核算");
            assertThat(l2.getCell(1).getStringCellValue()).isEqualTo("L2");
            assertThat(l2.getCell(2).getStringCellValue()).isEqualTo("2032-01");
            assertThat(l2.getCell(5).getStringCellValue()).as("the month that settled it before").isEqualTo("2032-01");
        }
        try (Reader reader = Files.newBufferedReader(out.resolve("settlement-2032-02.csv"), StandardCharsets.UTF_8)) {
            reader.read(); // the byte-order mark
            Map<String, CSVRecord> rows = new java.util.HashMap<>();
            CSVFormat.RFC4180.builder().setHeader().get().parse(reader).forEach(r -> rows.put(r.get("fixmedins_code"), r));
            assertThat(rows.get("HLB").get("discharges")).isEqualTo("0");
            assertThat(rows.get("HLB").get("approved_avg")).as("no discharges of its own this month").isEmpty();
            assertThat(rows.get("HLB").get("adjustment_pooled")).isEqualTo("9760.00");
            assertThat(rows.get("HLA").get("sup_actual")).as("the period's own").isEqualTo("0.00");
            assertThat(rows.get("HLA").get("adjustment_sup")).isEqualTo("9000.00");
            assertThat(rows.get("HLA").get("payment")).isEqualTo("16632.00");
        }

        // March has nothing new: nothing is settled twice.
        take(DischargeFile.of("HLA").row("L4", "ML4", "PL2", "2032-03-08", "2032-03-10", "4000"), "HLA", "2032-03");
        MonthEnd.Outcome march = monthEnd.run(YearMonth.of(2032, 3), MonthEnd.Mode.APPROVE, JobRuns.Trigger.MANUAL);
        assertThat(march.lines()).extracting(SettlementLine::code).containsExactly("HLA");
        assertThat(line(march, "HLA").adjustments().lines()).isZero();
        assertThat(jdbc.queryForObject("""
                select count(*) from settled_line l join month_end_run r on r.run_id = l.run_id
                 where r.period = '2032-03' and l.kind <> 'regular'""", Integer.class)).isZero();
    }

    private static SettlementLine line(MonthEnd.Outcome run, String code) {
        return run.lines().stream().filter(l -> l.code().equals(code)).findFirst().orElseThrow();
    }

    private static Row rowStartingWith(Sheet sheet, String text) {
        for (Row row : sheet) {
            if (row.getCell(0) != null && row.getCell(0).getCellType() == org.apache.poi.ss.usermodel.CellType.STRING
                    && row.getCell(0).getStringCellValue().equals(text)) {
                return row;
            }
        }
        throw new AssertionError("no row starting with " + text + " in sheet " + sheet.getSheetName());
    }
}
