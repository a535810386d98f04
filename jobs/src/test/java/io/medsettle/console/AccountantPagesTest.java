package io.medsettle.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.medsettle.files.Identifiers;
import io.medsettle.intake.DischargeIntake;
import io.medsettle.reference.ReferenceFileLoader;
import io.medsettle.reference.ReferenceKind;
import io.medsettle.runs.JobRuns;
import io.medsettle.support.DischargeFile;
import io.medsettle.support.MedsettleSpringTest;
import io.medsettle.support.ReferenceFiles;
import io.medsettle.users.ConsoleUsers;
import io.medsettle.users.Role;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The accountant's pages on the whole application (issue 12): the period's dashboard (who sent,
 * who has not), the month-end preview with its figures and chart, four-eyes approval by another
 * accountant, and a member's account. Previews and approvals run in the background: their outcome is
 * read from the progress panel once the run has ended ({@link ProgressPanel}).
 */
@AutoConfigureMockMvc
class AccountantPagesTest extends MedsettleSpringTest {

    private static final String PASSWORD = "a-long-password-2";

    /** An ID number of this test's own: the context's database is shared with the other console tests. */
    private static final String CERTNO = "32070619850505123" + Identifiers.idNumberCheckDigit("32070619850505123");

    @Autowired
    MockMvc mvc;

    @Autowired
    ConsoleUsers users;

    @Autowired
    ReferenceFileLoader referenceData;

    @Autowired
    DischargeIntake intake;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    javax.sql.DataSource dataSource;

    @TempDir
    Path dir;

    private MockHttpSession login(String name) throws Exception {
        return ConsoleLogin.login(mvc, name, PASSWORD);
    }

    private String page(MockHttpSession session, String url) throws Exception {
        MvcResult result = mvc.perform(get(url).session(session)).andReturn();
        assertThat(result.getResponse().getStatus()).as(url).isEqualTo(200);
        return result.getResponse().getContentAsString();
    }

    private String postPage(MockHttpSession session, String url) throws Exception {
        return mvc.perform(post(url).session(session).with(csrf())).andReturn().getResponse().getContentAsString();
    }

    @Test
    void anAccountantPreviewsAnotherApprovesAndTheDashboardSaysWhoHasNotSent() throws Exception {
        ReferenceFiles.in(dir.resolve("refs"))
                .institutions("HXA,甲医院,1,general", "HXB,乙医院,1,general")
                .members("XM1,王伟," + CERTNO + ",1,1985-05-05,in_service,2010-01-01")
                .averages("HXA,2091,3000.00", "HXB,2091,3000.00")
                .load(referenceData, LocalDate.of(2090, 6, 1));
        Path file = DischargeFile.of("HXA").row("X1", "MX1", "XM1", "2091-01-03", "2091-01-05", "1000")
                .write(dir.resolve("hxa-2091-01.csv"));
        assertThat(intake.intake(file, "HXA", YearMonth.of(2091, 1), dir, JobRuns.Trigger.MANUAL).rowsLoaded()).isEqualTo(1);
        for (String name : new String[] {"acct1", "acct2"}) {
            users.add(name, Role.ACCOUNTANT, List.of());
            users.changePassword(name, PASSWORD);
        }
        users.add("hosp-x", Role.HOSPITAL, List.of("HXA"));
        users.changePassword("hosp-x", PASSWORD);
        MockHttpSession first = login("acct1");

        assertThat(page(first, "/accountant")).contains("2091-01");
        String dashboard = page(first, "/accountant/periods/2091-01");
        assertThat(dashboard).contains("HXA").contains("HXB").contains("未报送");
        assertThat(postPage(first, "/accountant/periods/2091-01/approve")).as("approval before any preview")
                .contains("请先由另一位会计预览");

        // Another run of the period holds its lock (a second accountant's click, the schedule): said, not a 500.
        try (java.sql.Connection held = dataSource.getConnection();
             java.sql.PreparedStatement lock = held.prepareStatement("select pg_advisory_lock(?, ?)")) {
            lock.setInt(1, 0x4D53);
            lock.setInt(2, "monthEnd:2091-01".hashCode());
            lock.execute();
            try {
                assertThat(ProgressPanel.run(mvc, first, "/accountant/periods/2091-01", "preview"))
                        .contains("data-state=\"busy\"").contains("本期月结正在运行");
            } finally {
                try (java.sql.PreparedStatement unlock = held.prepareStatement("select pg_advisory_unlock(?, ?)")) {
                    unlock.setInt(1, 0x4D53);
                    unlock.setInt(2, "monthEnd:2091-01".hashCode());
                    unlock.execute();
                }
            }
        }

        String preview = ProgressPanel.run(mvc, first, "/accountant/periods/2091-01", "preview");
        assertThat(preview).contains("data-state=\"completed\"").contains("COMPLETED");
        assertThat(page(first, ProgressPanel.result(preview))).contains("预览 run").contains("<svg").contains("630.00");
        assertThat(postPage(first, "/accountant/periods/2091-01/approve")).as("the one who previewed")
                .contains("四眼原则").contains("acct1");
        assertThat(jdbc.queryForObject("select count(*) from month_end_run where period = '2091-01' and status = 'APPROVED'",
                Integer.class)).isZero();

        MockHttpSession second = login("acct2");
        assertThat(ProgressPanel.run(mvc, second, "/accountant/periods/2091-01", "approve")).contains("COMPLETED");
        assertThat(page(second, "/accountant/periods/2091-01")).contains("已审核 run").contains("本期已审核");
        assertThat(jdbc.queryForObject("select count(*) from month_end_run where period = '2091-01' and status = 'APPROVED'",
                Integer.class)).isEqualTo(1);
        assertThat(jdbc.queryForList("select user_name || ' ' || action from audit_event where detail = '2091-01' order by event_id",
                String.class)).containsSubsequence("acct1 preview", "acct2 approve");
        assertThat(ProgressPanel.run(mvc, second, "/accountant/periods/2091-01", "approve")).as("a closed period")
                .contains("data-state=\"refused\"").contains("2091-01 的月结已于").contains("该期间已关闭")
                .doesNotContain("was approved before");
        assertThat(mvc.perform(get("/accountant/periods/2091-01/progress").param("lang", "en").session(second)).andReturn()
                .getResponse().getContentAsString()).as("the same refusal read in English")
                .contains("data-state=\"refused\"").contains("the month-end of 2091-01 was approved before");

        String account = page(second, "/accountant/accounts?psn=XM1");
        assertThat(account).contains("320706********" + CERTNO.substring(14)).doesNotContain(CERTNO);
        assertThat(page(second, "/accountant/accounts?psn=NOBODY")).contains("参保人员不存在");
        assertThat(page(second, "/accountant/accounts?psn=../x")).contains("人员编号格式不正确");

        MockHttpSession hospital = login("hosp-x");
        assertThat(mvc.perform(get("/accountant/periods/2091-01").session(hospital)).andReturn().getResponse().getStatus())
                .isEqualTo(403);
        assertThat(mvc.perform(post("/accountant/periods/2091-01/preview").session(hospital).with(csrf())).andReturn()
                .getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void theYearEndIsPreviewedByOneAccountantApprovedByAnotherAndOfferedToFinance() throws Exception {
        for (String name : new String[] {"year1", "year2"}) {
            users.add(name, Role.ACCOUNTANT, List.of());
            users.changePassword(name, PASSWORD);
        }
        users.add("year-finance", Role.FINANCE, List.of());
        users.changePassword("year-finance", PASSWORD);
        MockHttpSession first = login("year1");
        MockHttpSession second = login("year2");

        // A year whose months are open is refused on the page, naming them.
        assertThat(ProgressPanel.run(mvc, first, "/accountant/years/2092", "preview"))
                .contains("2092 年的年终清算暂不能运行").contains("12 个月尚无已审核的月结(2092-01")
                .doesNotContain("Exception");

        // Twelve approved month-ends that settled nothing, and the year's rates (other tests of this
        // context's database may have accounts): the year can close.
        referenceData.load(ReferenceKind.INTEREST_RATES, java.nio.file.Files.writeString(dir.resolve("rates.csv"),
                "effective_date,kind,annual_rate\n2093-01-01,demand,0.0035\n2093-01-01,time_3m,0.0110\n"),
                LocalDate.of(2093, 1, 1));
        for (int m = 1; m <= 12; m++) {
            jdbc.update("""
                    insert into month_end_run (period, status, profile, method, holdback_rate, computed_at, approved_at)
                    values (?, 'APPROVED', 'lianyungang-2000', 'AVERAGE_COST', 0.10, now(), now())""", "2093-%02d".formatted(m));
        }
        assertThat(postPage(first, "/accountant/years/2093/approve")).contains("另一位会计预览");
        String preview = ProgressPanel.run(mvc, first, "/accountant/years/2093", "preview");
        assertThat(page(first, ProgressPanel.result(preview))).contains("预览 run").contains("预算结余");
        assertThat(postPage(first, "/accountant/years/2093/approve")).contains("四眼原则:审核人须与预览人(year1)不同");
        assertThat(ProgressPanel.run(mvc, second, "/accountant/years/2093", "approve")).contains("COMPLETED");
        assertThat(page(second, "/accountant/years/2093")).contains("已审核 run").contains("年度已关闭");
        assertThat(jdbc.queryForObject("select count(*) from year_end_run where year = 2093 and status = 'APPROVED'", Long.class))
                .isEqualTo(1);
        assertThat(page(login("year-finance"), "/finance/statements")).contains("2093").contains("year-end-2093.xlsx")
                .contains("accounts-2093.csv");
    }
}
