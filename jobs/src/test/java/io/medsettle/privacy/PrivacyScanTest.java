package io.medsettle.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.medsettle.cli.MedsettleCommand;
import io.medsettle.reports.Column;
import io.medsettle.reports.ExcelStatement;
import io.medsettle.support.DatabaseOptions;
import io.medsettle.testdb.PostgresTestDatabase;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * No file that medsettle writes holds an ID number unmasked (formats.md: certno is "masked in
 * every report"). The last test class of a run (the surefire configuration orders classes by
 * {@link Order}): it runs the demo and the commands whose reports name members, then reads every
 * file that this run wrote under each module's {@code target/tmp} (the tests' temporary
 * directory, the log included; JUnit leaves its temporary directories there).
 */
@Order(Integer.MAX_VALUE)
class PrivacyScanTest {

    /** Valid GB 11643 numbers: men born 1 January 1990 and 2 February 1980, and the standard's own example. */
    private static final String ID = "320706199001011230";
    private static final String OTHER_ID = "11010519491231002X";
    private static final String THIRD_ID = "320706198002024565";

    private final IdNumberScan scan = new IdNumberScan();

    @Test
    void theScanFindsAnUnmaskedIdNumberInTextAndInAWorkbookAndNothingElse(@TempDir(cleanup = CleanupMode.ALWAYS) Path dir)
            throws IOException {
        Files.writeString(dir.resolve("report.csv"), String.join("\n",
                "line,value,note",
                "2," + ID + ",unmasked",
                "3,320706********1230,masked",
                "4,320706199001011231,wrong check digit",
                "5,3207061990010112305,nineteen digits",
                "6,20250101123000123456789,a long number",
                "7,/tmp/medsettle-home" + ID + "/out,a temporary directory's random number"));
        try (ExcelStatement book = ExcelStatement.create(dir.resolve("statement.xlsx"))) {
            ExcelStatement.Table table = book.sheet("明细").table(List.of(Column.text("certno", "证件号码")));
            table.row(OTHER_ID);
            table.end();
        }
        // A workbook's temporary sheet that its writer never finished.
        GZIPOutputStream unfinished = new GZIPOutputStream(Files.newOutputStream(dir.resolve("poi-sxssf-sheet.xml.gz")), true);
        unfinished.write(("<c><v>" + THIRD_ID + "</v></c>").getBytes(StandardCharsets.US_ASCII));
        unfinished.flush();
        Files.writeString(dir.resolve("members.csv"), "psn_no,certno\nP1," + ID + "\n");
        Path pg = Files.createDirectories(dir.resolve("home/var/pg/data"));
        Files.writeString(pg.resolve("base.dat"), ID);

        List<IdNumberScan.Finding> found = scan.scan(dir);

        assertThat(found).extracting(f -> dir.relativize(f.file()).toString(), IdNumberScan.Finding::idNumber)
                .containsExactlyInAnyOrder(tuple("report.csv", ID), tuple("statement.xlsx", OTHER_ID),
                        tuple("poi-sxssf-sheet.xml.gz", THIRD_ID));
        assertThat(found.toString()).contains("320706********1230").contains("110105********002X")
                .doesNotContain(ID).doesNotContain(OTHER_ID);
    }

    @Test
    void noFileThatTheDemoOrTheTestsWroteHoldsAnUnmaskedIdNumber(@TempDir Path home) throws IOException {
        Files.createSymbolicLink(home.resolve("config"), Path.of("../config").toAbsolutePath().normalize());
        PostgresTestDatabase.Database db = PostgresTestDatabase.emptyDatabase();
        String[] database = DatabaseOptions.of(db).toArray(String[]::new);

        assertThat(run(home, concat(new String[] {"demo", "--months", "1", "--members", "300", "--institutions", "3"},
                database))).isZero();
        // Members with bad rows, the ID numbers among them: a wrong check digit, the same number
        // twice in a file, a number already registered under another member.
        Path members = home.resolve("members-bad.csv");
        Files.writeString(members, """
                psn_no,psn_name,certno,gend,brdy,psn_type,insu_begn_date
                Q1,王伟,%1$s,1,1990-01-01,in_service,2010-01-01
                Q2,王伟,%1$s,1,1990-01-01,in_service,2010-01-01
                Q3,李娜,320706199001011231,2,1990-01-01,in_service,2010-01-01
                Q4,张三,%2$s,1,1949-12-31,retired,2099-13-01
                """.formatted(ID, OTHER_ID));
        assertThat(run(home, concat(new String[] {"load", "members", members.toString()}, database))).isEqualTo(1);
        Path again = home.resolve("members-again.csv");
        Files.writeString(again, """
                psn_no,psn_name,certno,gend,brdy,psn_type,insu_begn_date
                Q9,王伟,%s,1,1990-01-01,in_service,2010-01-01
                """.formatted(ID));
        assertThat(run(home, concat(new String[] {"load", "members", again.toString()}, database))).isEqualTo(1);
        // The benefit computation on files, with the same bad members (reported as warnings: exit 0).
        Files.writeString(home.resolve("institutions.csv"), "fixmedins_code,fixmedins_name,hosp_lv,inst_kind\nH1,甲医院,2,general\n");
        Files.writeString(home.resolve("discharges.csv"), """
                setl_id,mdtrt_id,psn_no,fixmedins_code,med_type,begndate,enddate,setl_time,medfee_sumamt
                S1,M1,Q1,H1,21,2025-03-01,2025-03-10,2025-03-10 10:00:00,10000
                """);
        assertThat(run(home, "adjudicate", "--profile", "langfang-2024", "--institutions",
                home.resolve("institutions.csv").toString(), "--members", members.toString(), "--discharges",
                home.resolve("discharges.csv").toString(), "--out", home.resolve("results.csv").toString())).isZero();
        assertThat(home.resolve("results-report.csv")).exists();

        List<Path> roots = roots(home);
        List<IdNumberScan.Finding> found = roots.stream().flatMap(root -> scan.scan(root).stream()).toList();

        assertThat(found).as("unmasked ID numbers in the files under %s:%n%s", roots,
                found.stream().map(f -> "  " + f).collect(Collectors.joining("\n"))).isEmpty();
    }

    /**
     * Every module's target/tmp when the tests run under Maven; only this test's home otherwise (an
     * IDE's temporary directory is the machine's, with other people's files in it).
     */
    private static List<Path> roots(Path home) throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        Path target = tmp.getParent();
        if (!tmp.getFileName().toString().equals("tmp") || !target.getFileName().toString().equals("target")) {
            return List.of(home);
        }
        Path modules = target.getParent().getParent();
        List<Path> roots = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(modules)) {
            dirs.map(module -> module.resolve("target").resolve("tmp")).filter(Files::isDirectory).sorted().forEach(roots::add);
        }
        return roots;
    }

    private static int run(Path home, String... args) {
        String previous = System.getProperty("medsettle.home");
        System.setProperty("medsettle.home", home.toString());
        try {
            CommandLine commandLine = MedsettleCommand.commandLine();
            StringWriter out = new StringWriter();
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(out, true));
            return commandLine.execute(args);
        } finally {
            if (previous == null) {
                System.clearProperty("medsettle.home");
            } else {
                System.setProperty("medsettle.home", previous);
            }
        }
    }

    private static String[] concat(String[] a, String[] b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }
}
