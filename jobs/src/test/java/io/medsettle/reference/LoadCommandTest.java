package io.medsettle.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.cli.MedsettleCommand;
import io.medsettle.support.DatabaseOptions;
import io.medsettle.testdb.PostgresTestDatabase;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class LoadCommandTest {

    @TempDir
    Path dir;

    @Test
    void loadsGoodRowsOfAGbkMembersFileAndReportsEachBadRowWithExitOne() throws Exception {
        PostgresTestDatabase.Database db = PostgresTestDatabase.emptyDatabase();
        Path members = dir.resolve("members.csv");
        Files.writeString(members, """
                psn_no,psn_name,certno,gend,brdy,psn_type,emp_no,insu_begn_date,nickname
                P001,王伟,320706199001011230,1,1990-01-01,in_service,E001,2010-01-01,x
                P002,李秀英,320706195001011232,2,1950-01-01,retired,,2001-01-01,y
                P003,张三,320706195001011234,1,1950-01-01,retired,,2001-13-01,z
                P001,王伟,320706199001011230,1,1990-01-01,in_service,E001,2010-01-01,x
                """, Charset.forName("GBK"));
        String home = System.getProperty("medsettle.home");
        System.setProperty("medsettle.home", dir.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit;
        try {
            CommandLine cli = MedsettleCommand.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            exit = cli.execute(DatabaseOptions.with(db, "load", "members", members.toString(), "--effective", "2026-01-01"));
        } finally {
            if (home == null) {
                System.clearProperty("medsettle.home");
            } else {
                System.setProperty("medsettle.home", home);
            }
        }

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("members members.csv: 2 rows loaded (2 new, 0 changed, 0 unchanged), 2 rejected");
        assertThat(err.toString()).contains("2 row(s) of members.csv were rejected").contains("report: ");
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             ResultSet rs = c.createStatement().executeQuery("select string_agg(psn_no || psn_name, ',' order by psn_no) from member")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("P001王伟,P002李秀英");
        }
        Path report = Path.of(err.toString().lines().filter(l -> l.startsWith("report: ")).findFirst().orElseThrow()
                .substring("report: ".length()));
        try (InputStream in = Files.newInputStream(report); XSSFWorkbook book = new XSSFWorkbook(in)) {
            var sheet = book.getSheetAt(0);
            StringBuilder text = new StringBuilder();
            sheet.forEach(row -> row.forEach(cell -> text.append(cell.toString()).append('|')));
            assertThat(text).contains("nickname|nickname|未知列,已忽略")
                    .contains("certno|320706********1234|身份证号码格式或校验位错误")
                    .contains("insu_begn_date|2001-13-01|日期格式错误")
                    .contains("psn_no|P001|同一主键在文件中重复出现")
                    .doesNotContain("320706195001011234");
        }
    }
}
