package io.medsettle.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.medsettle.monthend.MonthEnd;
import io.medsettle.reference.ReferenceFileLoader;
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

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The console's guards through the whole application on a real database (issue 12, point 4): every
 * page needs a login; a first password must be changed before anything else; a hospital sees and
 * uploads for its own institutions only, and another's file is "not found"; forms need their CSRF
 * token; repeated failed logins lock the name; every login, upload and download is audited; the
 * content security policy is sent.
 */
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleSecurityTest extends MedsettleSpringTest {

    private static final String PASSWORD = "a-long-password-1";

    @Autowired
    MockMvc mvc;

    @Autowired
    ConsoleUsers users;

    @Autowired
    ReferenceFileLoader referenceData;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MonthEnd monthEnd;

    @TempDir
    Path dir;

    @BeforeAll
    void cityAndUsers(@TempDir Path refs) {
        ReferenceFiles.in(refs)
                .institutions("HWA,甲医院,1,general", "HWB,乙医院,1,general")
                .members("WM1,王伟,32070619900101604X,1,1990-01-01,in_service,2010-01-01")
                .averages("HWA,2090,3000.00", "HWB,2090,3000.00")
                .load(referenceData, LocalDate.of(2089, 1, 1));
        for (String[] user : new String[][] {{"hosp-a", "HWA"}, {"hosp-b", "HWB"}}) {
            users.add(user[0], Role.HOSPITAL, List.of(user[1]));
            users.changePassword(user[0], PASSWORD);
        }
        users.add("acct", Role.ACCOUNTANT, List.of());
        users.changePassword("acct", PASSWORD);
        users.add("fin", Role.FINANCE, List.of());
        users.changePassword("fin", PASSWORD);
    }

    private MockHttpSession login(String name, String password) throws Exception {
        return ConsoleLogin.login(mvc, name, password);
    }

    @Test
    void everyPageNeedsALoginAndTheLoginPageSendsAStrictContentSecurityPolicy() throws Exception {
        for (String page : new String[] {"/", "/hospital/files", "/hospital/files/1", "/hospital/files/1/report", "/password"}) {
            MvcResult result = mvc.perform(get(page)).andReturn();
            assertThat(result.getResponse().getStatus()).as(page).isEqualTo(302);
            assertThat(result.getResponse().getRedirectedUrl()).as(page).endsWith("/login");
        }
        MvcResult login = mvc.perform(get("/login")).andReturn();
        assertThat(login.getResponse().getStatus()).isEqualTo(200);
        assertThat(login.getResponse().getContentAsString()).contains("登录").contains("name=\"_csrf\"");
        assertThat(login.getResponse().getHeader("Content-Security-Policy")).contains("script-src 'self'")
                .contains("frame-ancestors 'none'");
        assertThat(login.getResponse().getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void aFirstPasswordMustBeChangedBeforeAnythingElse() throws Exception {
        String first = users.add("newcomer", Role.FINANCE, List.of());
        MockHttpSession session = login("newcomer", first);
        MvcResult home = mvc.perform(get("/").session(session)).andReturn();
        assertThat(home.getResponse().getRedirectedUrl()).endsWith("/password");

        MvcResult tooShort = mvc.perform(post("/password").session(session).with(csrf())
                .param("current", first).param("new", "short").param("repeated", "short")).andReturn();
        assertThat(tooShort.getResponse().getContentAsString()).contains("至少 12 位");
        MvcResult changed = mvc.perform(post("/password").session(session).with(csrf())
                .param("current", first).param("new", PASSWORD).param("repeated", PASSWORD)).andReturn();
        assertThat(changed.getResponse().getRedirectedUrl()).isEqualTo("/login?changed");

        MockHttpSession again = login("newcomer", PASSWORD);
        MvcResult page = mvc.perform(get("/").session(again)).andReturn();
        assertThat(page.getResponse().getStatus()).isEqualTo(200);
        assertThat(page.getResponse().getContentAsString()).contains("欢迎, newcomer");
    }

    @Test
    void aHospitalUploadsForItsOwnInstitutionAndNobodyElseSeesTheFile() throws Exception {
        Path csv = DischargeFile.of("HWA")
                .row("W1", "MW1", "WM1", "2090-01-03", "2090-01-05", "1000")
                .row("W2", "MW2", "WM1", "2090-01-08", "2090-01-07", "1000")
                .write(dir.resolve("upload.csv"));
        MockHttpSession a = login("hosp-a", PASSWORD);
        MockMultipartFile file = new MockMultipartFile("file", "../../etc/HWA-2090-01.csv", "text/csv", Files.readAllBytes(csv));

        MvcResult withoutToken = mvc.perform(multipart("/hospital/files").file(file).param("institution", "HWA").session(a))
                .andReturn();
        assertThat(withoutToken.getResponse().getStatus()).as("no CSRF token").isEqualTo(403);

        MvcResult uploaded = mvc.perform(multipart("/hospital/files").file(file).param("institution", "HWA").session(a)
                .with(csrf())).andReturn();
        String location = uploaded.getResponse().getRedirectedUrl();
        assertThat(location).as("the period read from the file's name").matches("/hospital/files/[0-9]+");
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        assertThat(jdbc.queryForObject("select file_name from intake_file where file_id = ?", String.class, id))
                .as("the client's name is not a path here").doesNotContain("etc").startsWith("2090-01-").endsWith(".csv");

        MvcResult outcome = mvc.perform(get(location).session(a)).andReturn();
        assertThat(outcome.getResponse().getStatus()).isEqualTo(200);
        assertThat(outcome.getResponse().getContentAsString()).contains("id=\"status\">已入库<").contains("id=\"rejected\">1<");
        MvcResult report = mvc.perform(get(location + "/report").session(a)).andReturn();
        assertThat(report.getResponse().getStatus()).isEqualTo(200);
        assertThat(report.getResponse().getHeader("Content-Disposition")).contains("attachment");
        assertThat(report.getResponse().getContentAsString()).contains(",3,begndate,2090-01-08,入院日期晚于出院日期");

        // Hospital B, and an accountant, by changing the URL or the form.
        MockHttpSession b = login("hosp-b", PASSWORD);
        assertThat(mvc.perform(get(location).session(b)).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(mvc.perform(get(location + "/report").session(b)).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(mvc.perform(get("/hospital/files").session(b)).andReturn().getResponse().getContentAsString())
                .doesNotContain("HWA");
        assertThat(mvc.perform(multipart("/hospital/files").file(file).param("institution", "HWA").session(b).with(csrf()))
                .andReturn().getResponse().getStatus()).as("B uploading for A").isEqualTo(404);
        MockHttpSession accountant = login("acct", PASSWORD);
        assertThat(mvc.perform(get(location).session(accountant)).andReturn().getResponse().getStatus()).isEqualTo(403);

        assertThat(jdbc.queryForList("select action from audit_event where user_name = 'hosp-a' order by event_id", String.class))
                .contains("login", "upload", "download");

        // Once January is approved: finance takes any file or all as a zip; each hospital its own workbook.
        monthEnd.run(YearMonth.of(2090, 1), MonthEnd.Mode.APPROVE, JobRuns.Trigger.MANUAL);
        MockHttpSession finance = login("fin", PASSWORD);
        assertThat(mvc.perform(get("/finance/statements").session(finance)).andReturn().getResponse().getContentAsString())
                .contains("fund-summary-2090-01.xlsx").contains("payment-order-2090-01.csv");
        MvcResult summary = mvc.perform(get("/finance/statements/2090-01/fund-summary-2090-01.xlsx").session(finance)).andReturn();
        assertThat(summary.getResponse().getStatus()).isEqualTo(200);
        assertThat(summary.getResponse().getContentAsByteArray()).startsWith('P', 'K');
        MvcResult zip = mvc.perform(get("/finance/statements/2090-01.zip").session(finance)).andReturn();
        List<String> entries = new java.util.ArrayList<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(
                new java.io.ByteArrayInputStream(zip.getResponse().getContentAsByteArray()))) {
            for (java.util.zip.ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.add(e.getName());
            }
        }
        assertThat(entries).contains("2090-01/fund-summary-2090-01.xlsx", "2090-01/statement-HWA-2090-01.xlsx");
        for (String hostile : new String[] {"..%2F..%2Fvar%2Fpg%2Fsecrets.properties", "%2E%2E", "secrets.properties"}) {
            assertThat(mvc.perform(get("/finance/statements/2090-01/" + hostile).session(finance)).andReturn().getResponse()
                    .getStatus()).as(hostile).isIn(400, 404);
        }
        assertThat(mvc.perform(get("/hospital/statements").session(a)).andReturn().getResponse().getContentAsString())
                .contains("statement-HWA-2090-01.xlsx").doesNotContain("fund-summary");
        assertThat(mvc.perform(get("/hospital/statements/2090-01/statement-HWA-2090-01.xlsx").session(a)).andReturn()
                .getResponse().getStatus()).isEqualTo(200);
        assertThat(mvc.perform(get("/hospital/statements/2090-01/statement-HWA-2090-01.xlsx").session(b)).andReturn()
                .getResponse().getStatus()).as("B asking for A's workbook").isEqualTo(404);
        assertThat(mvc.perform(get("/hospital/statements/2090-01/fund-summary-2090-01.xlsx").session(a)).andReturn()
                .getResponse().getStatus()).as("the fund's summary is not a hospital's").isEqualTo(404);
        assertThat(mvc.perform(get("/finance/statements").session(a)).andReturn().getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void fiveFailedLoginsLockTheNameEvenAgainstTheRightPassword() throws Exception {
        users.add("guessed", Role.FINANCE, List.of());
        users.changePassword("guessed", PASSWORD);
        for (int i = 0; i < LoginThrottle.FAILURES; i++) {
            MvcResult failed = mvc.perform(post("/login").param("username", "guessed").param("password", "wrong" + i)
                    .with(csrf())).andReturn();
            assertThat(failed.getResponse().getRedirectedUrl()).contains("error");
        }
        MvcResult locked = mvc.perform(post("/login").param("username", "guessed").param("password", PASSWORD).with(csrf()))
                .andReturn();
        assertThat(locked.getResponse().getRedirectedUrl()).as("locked for a while").contains("error");
        assertThat(jdbc.queryForObject("select count(*) from audit_event where user_name = 'guessed' and action = 'login-failed'",
                Integer.class)).isEqualTo(LoginThrottle.FAILURES + 1);
    }
}
