package io.medsettle.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.support.MedsettleSpringTest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The row checks a reference load adds to the columns' own: identifiers of the right form, and one
 * ID number to one member number, in the file and with the database; and reports that never
 * overwrite each other.
 */
@Import(ReferenceFileLoaderTest.FixedClock.class)
class ReferenceFileLoaderTest extends MedsettleSpringTest {

    private static final String HEADER = "psn_no,psn_name,certno,gend,brdy,psn_type,insu_begn_date\n";

    @TestConfiguration
    static class FixedClock {
        /** Every load of this class in the same second. */
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(Instant.parse("2026-03-02T01:02:03Z"), ZoneId.of("Asia/Shanghai"));
        }
    }

    @Autowired
    ReferenceFileLoader loader;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    private ReferenceFileLoader.Result load(ReferenceKind kind, String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return loader.load(kind, file, LocalDate.of(2026, 3, 1));
    }

    private static String report(ReferenceFileLoader.Result result) throws Exception {
        Path xlsx = result.report().orElseThrow();
        return Files.readString(xlsx.resolveSibling(xlsx.getFileName().toString().replace(".xlsx", ".csv")),
                StandardCharsets.UTF_8);
    }

    private String memberOf(String certno) {
        return String.join(",", jdbc.queryForList(
                "select psn_no from member where certno = ? and valid_to is null order by psn_no", String.class, certno));
    }

    @Test
    void aSecondMemberNumberWithAnIdNumberOfTheFileOrTheDatabaseIsABadRow() throws Exception {
        ReferenceFileLoader.Result first = load(ReferenceKind.MEMBERS, "members-1.csv", HEADER + """
                RD1,王伟,320706199001011230,1,1990-01-01,in_service,2010-01-01
                RD2,王伟,320706199001011230,1,1990-01-01,in_service,2010-01-01
                RD3,李秀英,320706195001011232,2,1950-01-01,retired,2001-01-01
                RD3,李秀英,320706195001011232,2,1950-01-01,retired,2001-01-01
                """);

        assertThat(first.rejectedRows()).isEqualTo(2);
        assertThat(first.outcome().rows()).isEqualTo(2);
        assertThat(report(first))
                .contains("members-1.csv,3,certno,320706********1230,身份证号码与本文件中人员编号RD1的相同,"
                        + "the same ID number as member number RD1 earlier in this file")
                .contains("members-1.csv,5,psn_no,RD3,同一主键在文件中重复出现")
                .doesNotContain("320706199001011230");

        // RD1 gets a corrected ID number and RD5 the one RD1 had: after the load each is held once.
        ReferenceFileLoader.Result second = load(ReferenceKind.MEMBERS, "members-2.csv", HEADER + """
                RD4,张三,320706195001011232,1,1950-01-01,retired,2001-01-01
                RD1,王伟,320706198002024565,1,1980-02-02,in_service,2010-01-01
                RD5,王伟,320706199001011230,1,1990-01-01,in_service,2010-01-01
                """);

        assertThat(second.rejectedRows()).isEqualTo(1);
        assertThat(second.outcome().rows()).isEqualTo(2);
        assertThat(report(second)).contains("members-2.csv,2,certno,320706********1232,身份证号码已登记在人员编号RD3名下,"
                + "the ID number is already registered under member number RD3");
        assertThat(memberOf("320706195001011232")).isEqualTo("RD3");
        assertThat(memberOf("320706198002024565")).isEqualTo("RD1");
        assertThat(memberOf("320706199001011230")).isEqualTo("RD5");
    }

    @Test
    void institutionCodesAndMemberNumbersAreLettersAndDigits() throws Exception {
        ReferenceFileLoader.Result institutions = load(ReferenceKind.INSTITUTIONS, "institutions.csv", """
                fixmedins_code,fixmedins_name,hosp_lv,inst_kind
                RH1,甲医院,2,general
                RH-2,乙医院,2,general
                RH0000000003X,丙医院,2,general
                """);
        assertThat(institutions.rejectedRows()).isEqualTo(2);
        assertThat(report(institutions))
                .contains("institutions.csv,3,fixmedins_code,RH-2,机构编码应为1到12位字母或数字,"
                        + "not an institution code (1 to 12 letters or digits)")
                .contains("institutions.csv,4,fixmedins_code,RH0000000003X,机构编码应为1到12位字母或数字");

        ReferenceFileLoader.Result members = load(ReferenceKind.MEMBERS, "members-3.csv", HEADER + """
                RM 1,王伟,32070619700303789X,1,1970-03-03,in_service,2010-01-01
                RM2,王伟,320706196004040121,1,1960-04-04,in_service,2010-01-01
                %s,王伟,32070620000505345X,1,2000-05-05,in_service,2010-01-01
                """.formatted("R".repeat(31)));
        assertThat(members.rejectedRows()).isEqualTo(2);
        assertThat(report(members)).contains("members-3.csv,2,psn_no,RM 1,人员编号应为1到30位字母或数字,"
                + "not a member number (1 to 30 letters or digits)").contains("members-3.csv,4,psn_no,RRRR");

        for (ReferenceKind kind : new ReferenceKind[] {ReferenceKind.APPROVED_AVERAGES, ReferenceKind.ASSESSMENT_SCORES}) {
            String column = kind == ReferenceKind.APPROVED_AVERAGES ? "approved_avg" : "score";
            ReferenceFileLoader.Result result = load(kind, kind.id() + ".csv",
                    "fixmedins_code,year," + column + "\nRH1,2026,90\n'RH1,2026,90\n");
            assertThat(result.rejectedRows()).as(kind.id()).isEqualTo(1);
            assertThat(report(result)).as(kind.id()).contains(kind.id() + ".csv,3,fixmedins_code,'RH1,机构编码应为");
        }
    }

    @Test
    void aBankIsNameAndAccountTogetherTheAccountDigitsKeptAsTextAndEffectiveDated() throws Exception {
        String header = "fixmedins_code,fixmedins_name,hosp_lv,inst_kind,bank_name,bank_account\n";
        ReferenceFileLoader.Result first = load(ReferenceKind.INSTITUTIONS, "institutions-banks.csv", header + """
                RB1,甲医院,2,general,中国银行连云港分行,0471259230017
                RB2,乙医院,2,general,,
                RB3,丙医院,2,general,中国银行连云港分行,6222 0212 3456
                RB4,丁医院,2,general,中国银行连云港分行,
                RB5,戊医院,2,general,,62220212345678
                """);

        assertThat(first.rejectedRows()).isEqualTo(3);
        assertThat(report(first))
                .contains("institutions-banks.csv,4,bank_account,6222 0212 3456,银行账号应为6到32位数字,"
                        + "not a bank account number (6 to 32 digits)")
                .contains("institutions-banks.csv,5,bank_account,,开户银行与银行账号应同时填写或同时为空")
                .contains("institutions-banks.csv,6,bank_name,,开户银行与银行账号应同时填写或同时为空");
        assertThat(jdbc.queryForMap("select bank_name, bank_account from institution where fixmedins_code = 'RB1'"))
                .containsEntry("bank_name", "中国银行连云港分行").containsEntry("bank_account", "0471259230017");
        assertThat(jdbc.queryForMap("select bank_name, bank_account from institution where fixmedins_code = 'RB2'"))
                .containsEntry("bank_name", null).containsEntry("bank_account", null);

        // A new account from 1 July is a new version of the institution; the old one keeps its months.
        Path moved = dir.resolve("institutions-moved.csv");
        Files.writeString(moved, header + "RB1,甲医院,2,general,中国工商银行连云港分行,1107020109000079190\n");
        assertThat(loader.load(ReferenceKind.INSTITUTIONS, moved, LocalDate.of(2026, 7, 1)).rejectedRows()).isZero();
        assertThat(jdbc.queryForList("select bank_account from institution where fixmedins_code = 'RB1' order by valid_from",
                String.class)).containsExactly("0471259230017", "1107020109000079190");
    }

    @Test
    void twoFilesOfTheSameNameLoadedInOneSecondGetReportsOfTheirOwn() throws Exception {
        String bad = "fixmedins_code,fixmedins_name,hosp_lv,inst_kind\nRS-1,甲医院,2,general\n";
        Path a = Files.createDirectories(dir.resolve("a")).resolve("institutions.csv");
        Path b = Files.createDirectories(dir.resolve("b")).resolve("institutions.csv");
        Files.writeString(a, bad);
        Files.writeString(b, bad.replace("RS-1", "RS-2"));

        Path first = loader.load(ReferenceKind.INSTITUTIONS, a, LocalDate.of(2026, 3, 1)).report().orElseThrow();
        Path second = loader.load(ReferenceKind.INSTITUTIONS, b, LocalDate.of(2026, 3, 1)).report().orElseThrow();

        assertThat(first).isNotEqualTo(second);
        assertThat(first.getParent()).isEqualTo(second.getParent()).isEqualTo(HOME.resolve("out/reports"));
        assertThat(first.getFileName().toString()).startsWith("20260302-090203-load-institutions-institutions.csv");
        assertThat(Files.readString(first.resolveSibling(first.getFileName().toString().replace(".xlsx", ".csv"))))
                .contains("RS-1").doesNotContain("RS-2");
        assertThat(Files.readString(second.resolveSibling(second.getFileName().toString().replace(".xlsx", ".csv"))))
                .contains("RS-2").doesNotContain("RS-1");
    }
}
