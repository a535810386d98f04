package io.medsettle.adjudicate;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.cli.MedsettleCommand;

import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** The command as an accountant runs it: files in, results and a report out, no database. */
class AdjudicateCommandTest {

    @TempDir
    Path dir;

    private int run(StringWriter out, StringWriter err, String... args) {
        String home = System.getProperty("medsettle.home");
        System.setProperty("medsettle.home", Path.of("..").toAbsolutePath().normalize().toString());
        try {
            CommandLine cli = MedsettleCommand.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            return cli.execute(args);
        } finally {
            if (home == null) {
                System.clearProperty("medsettle.home");
            } else {
                System.setProperty("medsettle.home", home);
            }
        }
    }

    @Test
    void writesOneResultPerSettlementFlagsDifferencesAndReportsBadRows() throws Exception {
        Files.writeString(dir.resolve("institutions.csv"), """
                fixmedins_code,fixmedins_name,hosp_lv,inst_kind
                H2,乙医院,2,general
                """);
        Files.writeString(dir.resolve("members.csv"), """
                psn_no,psn_name,certno,gend,brdy,psn_type,insu_begn_date
                P1,王伟,320706199001011230,1,1990-01-01,in_service,2010-01-01
                """);
        Files.writeString(dir.resolve("d.csv"), """
                setl_id,mdtrt_id,psn_no,fixmedins_code,med_type,begndate,enddate,setl_time,medfee_sumamt,clab_amt,nego_antitumor_amt,hifp_pay
                S1,M1,P1,H2,21,2026-03-01,2026-03-10,2026-03-10 10:00:00,10000,2000,1000,8649.00
                S2,M2,P1,H2,21,2026-04-01,2026-04-10,2026-04-10 10:00:00,5300,0,0,9999.99
                S3,M3,P1,H2,21,2026-05-01,2026-04-10,2026-05-10 10:00:00,-5,0,0,
                """);
        Path out = dir.resolve("results.csv");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();

        int exit = run(stdout, stderr, "adjudicate", "--profile", "langfang-2024",
                "--institutions", dir.resolve("institutions.csv").toString(), "--members", dir.resolve("members.csv").toString(),
                "--discharges", dir.resolve("d.csv").toString(), "--out", out.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(stderr.toString()).contains("1 discharge row(s) were rejected").contains("results-report.xlsx");
        String text = Files.readString(out, StandardCharsets.UTF_8).substring(1);
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text)).getRecords();
        assertThat(rows).hasSize(2);
        // S1: seed 002 第四十七条 — pre-self-pay 100 + 200, (9700 − 400) × 0.93 = 8649.00, as the hospital said.
        assertThat(rows.get(0).get("setl_id")).isEqualTo("S1");
        assertThat(rows.get(0).get("hifp_pay")).isEqualTo("8649.00");
        assertThat(rows.get(0).get("diff_flag")).isEqualTo("N");
        // S2: the second admission, deductible 400 − 100 = 300: (5300 − 300) × 0.93 = 4650.00; the hospital said 9999.99.
        assertThat(rows.get(1).get("act_pay_dedc")).isEqualTo("300.00");
        assertThat(rows.get(1).get("hifp_pay")).isEqualTo("4650.00");
        assertThat(rows.get(1).get("diff_flag")).isEqualTo("Y");
        assertThat(rows.get(1).get("diff_fields")).isEqualTo("hifp_pay");
        String report = Files.readString(dir.resolve("results-report.csv"), StandardCharsets.UTF_8);
        assertThat(report).contains("d.csv,4,medfee_sumamt,'-5").contains("d.csv,4,begndate,2026-05-01");
    }

    @Test
    void anUnknownProfileIsAClearError() throws Exception {
        Files.writeString(dir.resolve("x.csv"), "a\n");
        StringWriter stderr = new StringWriter();
        int exit = run(new StringWriter(), stderr, "adjudicate", "--profile", "atlantis", "--institutions",
                dir.resolve("x.csv").toString(), "--members", dir.resolve("x.csv").toString(), "--discharges",
                dir.resolve("x.csv").toString(), "--out", dir.resolve("o.csv").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(stderr.toString()).contains("no policy profile 'atlantis'").contains("langfang-2024").doesNotContain("Exception");
    }
}
