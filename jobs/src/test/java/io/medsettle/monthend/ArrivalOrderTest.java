package io.medsettle.monthend;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.cli.MedsettleCommand;
import io.medsettle.intake.DischargeIntake;
import io.medsettle.reference.ReferenceFileLoader;
import io.medsettle.reference.ReferenceKind;
import io.medsettle.runs.JobRuns;
import io.medsettle.settlement.SettlementLine;
import io.medsettle.support.MedsettleSpringTest;
import io.medsettle.support.ShuffledCity;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Results do not depend on the order files arrive in (issue 9, point 1): the same nine files of a
 * city (three hospitals, three months; members admitted again and again across hospitals and months,
 * up to the cap and the assistance band, a stay settled mid-way across a month end) are taken in in
 * several orders, across months too, and every order ends in the same figures for every settlement,
 * the same month-end lines and the same ledger balances, equal to the adjudicate command's figures
 * for all files at once (which processes each member in DOMAIN.md's order by construction).
 */
class ArrivalOrderTest extends MedsettleSpringTest {

    /** Orders tried after the natural one: reversed, then seeded shuffles (the seed is in the trial's name). */
    private static final long[] SEEDS = {11, 23, 42};

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

    /** What a trial ended with, its names undone. */
    record Ending(Map<String, String> settlements, Map<String, String> lines, Map<String, String> balances, int revisions) {
    }

    @Test
    void everyOrderOfTheSameFilesEndsInTheSameFiguresAndTheSameBooks() throws Exception {
        List<Ending> endings = new ArrayList<>();
        List<String> orders = new ArrayList<>();
        for (int trial = 0; trial < 2 + SEEDS.length; trial++) {
            ShuffledCity city = new ShuffledCity(trial);
            List<String> order = switch (trial) {
                case 0 -> city.fileNames();
                case 1 -> reversed(city.fileNames());
                default -> city.shuffled(SEEDS[trial - 2]);
            };
            orders.add(order.toString());
            endings.add(run(city, order));
        }
        Ending natural = endings.get(0);
        assertThat(natural.settlements()).hasSizeGreaterThan(20);
        assertThat(endings.stream().mapToInt(Ending::revisions).sum())
                .as("some orders made the intake re-adjudicate loaded settlements").isPositive();
        for (int i = 1; i < endings.size(); i++) {
            Ending other = endings.get(i);
            assertThat(other.settlements()).as("settlement figures, order " + orders.get(i)).isEqualTo(natural.settlements());
            assertThat(other.lines()).as("month-end lines, order " + orders.get(i)).isEqualTo(natural.lines());
            assertThat(other.balances()).as("ledger balances, order " + orders.get(i)).isEqualTo(natural.balances());
        }
        assertThat(natural.settlements()).as("the adjudicate command on all files at once")
                .isEqualTo(adjudicateCommand(new ShuffledCity(0)));
    }

    private Ending run(ShuffledCity city, List<String> order) {
        Path trialDir = dir.resolve("trial-" + city.year());
        LocalDate day = LocalDate.of(city.year() - 1, 1, 1);
        referenceData.load(ReferenceKind.INSTITUTIONS, city.writeInstitutions(trialDir.resolve("institutions.csv")), day);
        referenceData.load(ReferenceKind.MEMBERS, city.writeMembers(trialDir.resolve("members.csv")), day);
        referenceData.load(ReferenceKind.APPROVED_AVERAGES, city.writeApprovedAverages(trialDir.resolve("averages.csv")), day);
        int revisions = 0;
        for (String name : order) {
            DischargeIntake.Outcome outcome = intake.intake(city.writeFile(trialDir, name), city.institutionOf(name),
                    city.periodOf(name), trialDir, JobRuns.Trigger.MANUAL);
            assertThat(outcome.rowsRejected()).as(name + ": " + outcome.message()).isZero();
            revisions += outcome.revised() + outcome.revisedOther();
        }
        Map<String, String> lines = new TreeMap<>();
        for (int month = 1; month <= 3; month++) {
            MonthEnd.Outcome run = monthEnd.run(YearMonth.of(city.year(), month), MonthEnd.Mode.APPROVE,
                    JobRuns.Trigger.MANUAL);
            for (SettlementLine l : run.lines()) {
                lines.put(month + ":" + city.normalize(l.code()), List.of(l.figures().discharges(), l.averageAmount(),
                        l.figures().memberSelfPay(), l.due(), l.figures().actualFundPay(), l.allocated(), l.paidNow(),
                        l.heldBack(), l.figures().supplementary(), l.figures().accountSettled(),
                        l.adjustments().paidNow(), l.payment().paid()).toString());
            }
        }
        Map<String, String> settlements = new TreeMap<>();
        jdbc.query("""
                        select fixmedins_code, setl_id, eligible, preselfpay_amt, inscp_scp_amt, act_pay_dedc, hifp_pay,
                               overcap_amt, hifob_pay, psn_part_amt, acct_pay
                          from current_settlement where psn_no like ?""",
                rs -> {
                    settlements.put(city.normalize(rs.getString(1)) + "/" + rs.getString(2), figures(rs.getBoolean(3),
                            rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7),
                            rs.getBigDecimal(8), rs.getBigDecimal(9), rs.getBigDecimal(10), rs.getBigDecimal(11)));
                },
                "Q" + (city.year() - ShuffledCity.FIRST_YEAR) + "M%");
        Map<String, String> balances = new TreeMap<>();
        jdbc.query("""
                        select p.account_code, sum(p.amount) from posting p join journal_entry e on e.entry_id = p.entry_id
                         where e.idempotency_key like ? group by p.account_code""",
                rs -> {
                    balances.put(city.normalize(rs.getString(1)), rs.getBigDecimal(2).toPlainString());
                },
                "month-end:" + city.year() + "-%");
        return new Ending(settlements, lines, balances, revisions);
    }

    private static List<String> reversed(List<String> names) {
        List<String> copy = new ArrayList<>(names);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private static String figures(Object... values) {
        return java.util.Arrays.stream(values).map(v -> v instanceof java.math.BigDecimal d ? d.toPlainString() : String.valueOf(v))
                .reduce((a, b) -> a + " " + b).orElse("");
    }

    /** The settlements' figures as {@code ./medsettle adjudicate} computes them from the files. */
    private Map<String, String> adjudicateCommand(ShuffledCity city) throws Exception {
        Path files = dir.resolve("command");
        List<String> args = new ArrayList<>(List.of("adjudicate", "--profile", "lianyungang-2000",
                "--institutions", city.writeInstitutions(files.resolve("institutions.csv")).toString(),
                "--members", city.writeMembers(files.resolve("members.csv")).toString(), "--out",
                files.resolve("results.csv").toString(), "--discharges"));
        for (String name : city.fileNames()) {
            args.add(city.writeFile(files, name).toString());
        }
        String home = System.getProperty("medsettle.home");
        System.setProperty("medsettle.home", Path.of("..").toAbsolutePath().normalize().toString());
        try {
            assertThat(MedsettleCommand.commandLine().execute(args.toArray(String[]::new))).isZero();
        } finally {
            if (home == null) {
                System.clearProperty("medsettle.home");
            } else {
                System.setProperty("medsettle.home", home);
            }
        }
        Map<String, String> settlements = new TreeMap<>();
        try (Reader reader = Files.newBufferedReader(files.resolve("results.csv"), StandardCharsets.UTF_8)) {
            reader.read(); // the byte-order mark
            for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().get().parse(reader)) {
                settlements.put(city.normalize(r.get("fixmedins_code")) + "/" + r.get("setl_id"), figures(
                        "Y".equals(r.get("eligible")), new java.math.BigDecimal(r.get("preselfpay_amt")),
                        new java.math.BigDecimal(r.get("inscp_scp_amt")), new java.math.BigDecimal(r.get("act_pay_dedc")),
                        new java.math.BigDecimal(r.get("hifp_pay")), new java.math.BigDecimal(r.get("overcap_amt")),
                        new java.math.BigDecimal(r.get("hifob_pay")), new java.math.BigDecimal(r.get("psn_part_amt")),
                        new java.math.BigDecimal(r.get("acct_pay"))));
            }
        }
        return settlements;
    }
}
