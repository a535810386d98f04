package io.medsettle.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.medsettle.files.Identifiers;
import io.medsettle.intake.DischargeIntake;
import io.medsettle.reference.ReferenceFileLoader;
import io.medsettle.runs.JobRuns;
import io.medsettle.support.DischargeFile;
import io.medsettle.support.MedsettleSpringTest;
import io.medsettle.support.ReferenceFiles;
import io.medsettle.users.ConsoleUsers;
import io.medsettle.users.Role;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The live progress of a month-end clicked in the console (issue 12): the click starts the run in the
 * background and answers at once; the progress panel, asked for as htmx asks for it, shows nothing
 * before the run, the run's steps from the job repository while it runs, and its end with the way to
 * its figures after; a second click while it runs is told so at once, and the audit has the run's
 * start and end.
 */
@AutoConfigureMockMvc
class RunProgressTest extends MedsettleSpringTest {

    private static final String PASSWORD = "progress-password-1";
    private static final String PAGE = "/accountant/periods/2094-01";

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
    DataSource dataSource;

    @TempDir
    Path dir;

    @Test
    void aMonthEndRunsInTheBackgroundWhileItsPanelShowsItsStepsThenLeadsToItsFigures() throws Exception {
        String body = "32070619880808456";
        ReferenceFiles.in(dir.resolve("refs"))
                .institutions("HPA,甲医院,1,general")
                .members("PM1,王伟," + body + Identifiers.idNumberCheckDigit(body) + ",1,1988-08-08,in_service,2010-01-01")
                .averages("HPA,2094,3000.00")
                .load(referenceData, LocalDate.of(2093, 6, 1));
        Path file = DischargeFile.of("HPA").row("P1", "MP1", "PM1", "2094-01-03", "2094-01-05", "1000")
                .write(dir.resolve("hpa-2094-01.csv"));
        intake.intake(file, "HPA", YearMonth.of(2094, 1), dir, JobRuns.Trigger.MANUAL);
        users.add("runner", Role.ACCOUNTANT, List.of());
        users.changePassword("runner", PASSWORD);
        MockHttpSession session = ConsoleLogin.login(mvc, "runner", PASSWORD);

        // Before any run: the panel says nothing runs and asks for nothing more; the page has no panel.
        String before = ProgressPanel.panel(mvc, session, PAGE);
        assertThat(ProgressPanel.state(before)).isEqualTo("idle");
        assertThat(before).contains("当前没有运行").doesNotContain("hx-get").doesNotContain("hx-trigger");
        assertThat(page(session, PAGE)).doesNotContain("id=\"progress\"");

        // During: an intake holds the intakes' lock, so the month-end waits inside its first step.
        String task;
        try (Connection held = dataSource.getConnection()) {
            advisory(held, "pg_advisory_lock");
            try {
                MvcResult click = mvc.perform(post(PAGE + "/preview").session(session).with(csrf())).andReturn();
                assertThat(click.getResponse().getRedirectedUrl()).as("the click answers at once").isEqualTo(PAGE);
                String running = awaitStep(session);
                assertThat(running).contains("data-state=\"running\"").contains("hx-trigger=\"every 1s\"")
                        .contains("hx-swap=\"outerHTML\"").containsPattern("hx-get=\"" + PAGE + "/progress\\?task=[0-9]+\"")
                        .contains("runner").contains("本期结算").contains("STARTED");
                task = running.replaceAll("(?s).*\\?task=([0-9]+)\".*", "$1");
                assertThat(page(session, PAGE)).as("the page itself").contains("id=\"progress\"").contains("every 1s");

                // A second click while it runs: said at once, nothing started.
                MvcResult again = mvc.perform(post(PAGE + "/preview").session(session).with(csrf())).andReturn();
                assertThat(again.getResponse().getStatus()).isEqualTo(200);
                assertThat(again.getResponse().getContentAsString()).contains("本期月结正在运行")
                        .contains("由 runner 于").contains("在本控制台启动").doesNotContain("started from this console");
            } finally {
                advisory(held, "pg_advisory_unlock");
            }
        }

        // After: the panel says the run completed and leads to its figures; htmx's own poll is sent there.
        String done = ProgressPanel.awaitEnd(mvc, session, PAGE);
        assertThat(done).contains("data-state=\"completed\"").contains("COMPLETED").doesNotContain("hx-trigger")
                .contains("本期结算").contains("机构结算单").contains("基金报表与拨付单");
        String figures = ProgressPanel.result(done);
        MvcResult poll = mvc.perform(get(PAGE + "/progress").param("task", task).header("HX-Request", "true")
                .session(session)).andReturn();
        assertThat(poll.getResponse().getHeader("HX-Redirect")).isEqualTo(figures);
        MvcResult plain = mvc.perform(get(PAGE + "/progress").header("HX-Request", "true").session(session)).andReturn();
        assertThat(plain.getResponse().getHeader("HX-Redirect")).as("a panel that watched no run of the console").isNull();
        String result = page(session, figures);
        assertThat(result).contains("预览 run").contains("<table id=\"figures\"").contains("HPA").contains("<svg");
        assertThat(mvc.perform(get(PAGE).param("run", "999999").session(session)).andReturn().getResponse().getStatus())
                .as("a run that is not the period's").isEqualTo(404);

        assertThat(jdbc.queryForList("select action from audit_event where user_name = 'runner' and detail = '2094-01' "
                + "order by event_id", String.class)).containsExactly("preview-started", "preview-busy", "preview");
    }

    /** Polls the panel until the run's first step shows, as it waits for the intakes' lock. */
    private String awaitStep(MockHttpSession session) throws Exception {
        long deadline = System.nanoTime() + ProgressPanel.TIMEOUT.toNanos();
        while (true) {
            String panel = ProgressPanel.panel(mvc, session, PAGE);
            if (panel.contains("STARTED") && panel.contains("本期结算")) {
                return panel;
            }
            assertThat(System.nanoTime()).as("the first step shown: " + panel).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private String page(MockHttpSession session, String url) throws Exception {
        MvcResult result = mvc.perform(get(url).session(session)).andReturn();
        assertThat(result.getResponse().getStatus()).as(url).isEqualTo(200);
        return result.getResponse().getContentAsString();
    }

    private static void advisory(Connection connection, String function) throws Exception {
        try (PreparedStatement lock = connection.prepareStatement("select " + function + "(?, ?)")) {
            lock.setInt(1, 0x4D53);
            lock.setInt(2, JobRuns.INTAKE_LOCK.hashCode());
            lock.execute();
        }
    }
}
