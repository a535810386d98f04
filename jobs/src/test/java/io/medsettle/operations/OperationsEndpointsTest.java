package io.medsettle.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.medsettle.files.Identifiers;
import io.medsettle.intake.DischargeIntake;
import io.medsettle.monthend.MonthEnd;
import io.medsettle.reference.ReferenceFileLoader;
import io.medsettle.runs.JobRuns;
import io.medsettle.support.DischargeFile;
import io.medsettle.support.MedsettleSpringTest;
import io.medsettle.support.ReferenceFiles;
import io.medsettle.users.ConsoleUsers;
import io.medsettle.users.Role;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Operations (issue 12, item 6) on the whole application and a real database: health and the
 * Prometheus metrics answer this machine and an administrator's session, nobody else, and nothing
 * else of the actuator is exposed; after intakes and a month-end the metrics show the files by
 * outcome, the rows, the jobs' and steps' durations and the last approved month; every job run writes
 * its two lines to the log file.
 */
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsEndpointsTest extends MedsettleSpringTest {

    private static final String PASSWORD = "operations-password-1";

    @Autowired
    MockMvc mvc;

    @Autowired
    ConsoleUsers users;

    @Autowired
    ReferenceFileLoader referenceData;

    @Autowired
    DischargeIntake intake;

    @Autowired
    MonthEnd monthEnd;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    @BeforeAll
    void cityAndUsers(@TempDir Path refs) {
        String body = "32070619770707123";
        ReferenceFiles.in(refs)
                .institutions("HOA,甲医院,1,general", "HOB,乙医院,1,general")
                .members("OM1,王伟," + body + Identifiers.idNumberCheckDigit(body) + ",1,1977-07-07,in_service,2010-01-01")
                .averages("HOA,2097,3000.00", "HOB,2097,3000.00")
                .load(referenceData, LocalDate.of(2096, 6, 1));
        users.add("ops-admin", Role.ADMIN, List.of());
        users.add("ops-hospital", Role.HOSPITAL, List.of("HOA"));
        users.add("ops-accountant", Role.ACCOUNTANT, List.of());
        for (String name : new String[] {"ops-admin", "ops-hospital", "ops-accountant"}) {
            users.changePassword(name, PASSWORD);
        }
    }

    /** A request from another machine of the agency's network (MockMvc's own come from 127.0.0.1). */
    static RequestPostProcessor remote() {
        return request -> {
            request.setRemoteAddr("10.1.2.3");
            return request;
        };
    }

    @Test
    void healthAndMetricsAnswerThisMachineAndAnAdministratorAndNobodyElse() throws Exception {
        for (String endpoint : new String[] {"/actuator/health", "/actuator/prometheus"}) {
            MvcResult local = mvc.perform(get(endpoint)).andReturn();
            assertThat(local.getResponse().getStatus()).as(endpoint + " from this machine").isEqualTo(200);
            assertThat(local.getRequest().getSession(false)).as("a scraper gets no session").isNull();
            assertThat(status(get(endpoint).with(remote()))).as(endpoint + " from elsewhere, no login").isEqualTo(401);
            assertThat(status(get(endpoint).with(remote()).session(login("ops-hospital")))).as(endpoint + ", hospital")
                    .isEqualTo(403);
            assertThat(status(get(endpoint).with(remote()).session(login("ops-accountant")))).as(endpoint + ", accountant")
                    .isEqualTo(403);
            assertThat(status(get(endpoint).with(remote()).session(login("ops-admin")))).as(endpoint + ", admin")
                    .isEqualTo(200);
        }
        // The data itself never reaches a request from elsewhere without an administrator.
        assertThat(mvc.perform(get("/actuator/prometheus").with(remote())).andReturn().getResponse().getContentAsString())
                .doesNotContain("medsettle_");
        // Health with its parts, to whoever may read it at all.
        for (MockHttpServletRequestBuilder health : List.of(get("/actuator/health"),
                get("/actuator/health").with(remote()).session(login("ops-admin")))) {
            assertThat(mvc.perform(health).andReturn().getResponse().getContentAsString()).contains("\"status\":\"UP\"")
                    .contains("\"db\":{").contains("\"diskSpace\":{");
        }
        // Nothing else of the actuator is there, not even for an administrator on this machine.
        MockHttpSession admin = login("ops-admin");
        for (String other : new String[] {"/actuator", "/actuator/env", "/actuator/beans", "/actuator/metrics",
                "/actuator/loggers", "/actuator/heapdump", "/actuator/shutdown"}) {
            assertThat(status(get(other).session(admin))).as(other).isEqualTo(404);
        }
    }

    @Test
    void theMetricsCountTheFilesAndRowsAndTimeTheJobsAndShowTheLastApprovedMonth() throws Exception {
        String before = metrics();
        Path csv = DischargeFile.of("HOA").row("O1", "MO1", "OM1", "2097-01-03", "2097-01-05", "1000")
                .row("O2", "MO2", "OM1", "2097-01-09", "2097-01-08", "1000").write(dir.resolve("hoa.csv"));
        assertThat(intake.intake(csv, "HOA", YearMonth.of(2097, 1), dir, JobRuns.Trigger.MANUAL).result())
                .isEqualTo(DischargeIntake.Result.LOADED);
        assertThat(intake.intake(csv, "HOA", YearMonth.of(2097, 1), dir, JobRuns.Trigger.MANUAL).result())
                .isEqualTo(DischargeIntake.Result.ALREADY_LOADED);
        Path unusable = Files.writeString(dir.resolve("hob.csv"), "not,a,discharge,header\n1,2,3,4\n");
        assertThat(intake.intake(unusable, "HOB", YearMonth.of(2097, 1), dir, JobRuns.Trigger.MANUAL).result())
                .isEqualTo(DischargeIntake.Result.REJECTED);
        monthEnd.run(YearMonth.of(2097, 1), MonthEnd.Mode.APPROVE, JobRuns.Trigger.MANUAL);
        String after = metrics();

        for (String outcome : new String[] {"loaded", "already_loaded", "rejected"}) {
            assertThat(increase(before, after, "medsettle_intake_files_total", "outcome=\"" + outcome + "\"")).as(outcome)
                    .isEqualTo(1.0);
        }
        assertThat(value(after, "medsettle_intake_files_total", "outcome=\"interrupted\"")).isNotNull();
        assertThat(increase(before, after, "medsettle_intake_rows_total", "outcome=\"loaded\"")).isEqualTo(1.0);
        assertThat(increase(before, after, "medsettle_intake_rows_total", "outcome=\"rejected\"")).isEqualTo(1.0);
        // Spring Batch's own observations: one timer per job and per step, by name and status.
        assertThat(increase(before, after, "spring_batch_job_seconds_count", "spring_batch_job_name=\"dischargeIntake\"",
                "spring_batch_job_status=\"COMPLETED\"")).isEqualTo(1.0);
        assertThat(increase(before, after, "spring_batch_job_seconds_count", "spring_batch_job_name=\"monthEnd\"",
                "spring_batch_job_status=\"COMPLETED\"")).isEqualTo(1.0);
        assertThat(value(after, "spring_batch_job_seconds_sum", "spring_batch_job_name=\"dischargeIntake\"")).isPositive();
        assertThat(value(after, "spring_batch_step_seconds_count", "spring_batch_step_job_name=\"dischargeIntake\"",
                "spring_batch_step_name=\"stageDischarges\"")).isPositive();
        // The last approved month: this class's January of 2097 or a later one another class approved.
        String latest = jdbc.queryForObject("select max(period) from month_end_run where status = 'APPROVED'", String.class);
        assertThat(value(after, "medsettle_month_end_last_approved_period"))
                .isEqualTo(Double.parseDouble(latest.replace("-", ""))).isGreaterThanOrEqualTo(209701.0);
        assertThat(value(after, "medsettle_month_end_last_approved_timestamp_seconds")).isGreaterThan(0.0);
        assertThat(value(after, "medsettle_year_end_last_approved_year")).isNotNull();
        // The pool, the JVM and the web server come with the actuator.
        assertThat(after).contains("hikaricp_connections_active").contains("jvm_memory_used_bytes");
    }

    @Test
    void everyJobRunWritesALineAtItsStartAndOneAtItsEndToTheLogFile() throws Exception {
        // Other test contexts write to the same log file, with execution ids of their own databases that
        // may be this one's: only what is written from here on is this run's.
        String logDir = System.getProperty("medsettle.log.dir");
        Path logFile = logDir == null ? null : Path.of(logDir, "medsettle.log");
        long logBefore = logFile != null && Files.exists(logFile) ? Files.size(logFile) : 0;
        Logger jobs = (Logger) LoggerFactory.getLogger(JobRunLog.LOGGER);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        jobs.addAppender(captured);
        try {
            Path csv = DischargeFile.of("HOB").row("L1", "ML1", "OM1", "2097-02-03", "2097-02-05", "1000")
                    .write(dir.resolve("hob-2097-02.csv"));
            intake.intake(csv, "HOB", YearMonth.of(2097, 2), dir, JobRuns.Trigger.MANUAL);
        } finally {
            jobs.detachAppender(captured);
        }
        assertThat(captured.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("job run started", "job run ended");
        Map<String, Object> started = pairs(captured.list.get(0));
        Map<String, Object> ended = pairs(captured.list.get(1));
        assertThat(started).containsEntry("job", "dischargeIntake").containsKey("execution_id");
        assertThat((String) started.get("parameters")).contains("institution=HOB").contains("period=2097-02");
        assertThat(ended).containsEntry("job", "dischargeIntake").containsEntry("execution_id", started.get("execution_id"))
                .containsEntry("status", org.springframework.batch.core.BatchStatus.COMPLETED)
                .containsEntry("exit_code", "COMPLETED").containsKeys("duration_ms", "read_count", "write_count",
                        "filter_count", "skip_count", "steps", "exit_description");
        assertThat((Long) ended.get("read_count")).isPositive();

        // The file has them as its pattern writes them: the message, then the pairs quoted.
        assumeTrue(logDir != null, "medsettle.log.dir is set by the build (surefire's argLine)");
        String id = "execution_id=\"" + started.get("execution_id") + "\"";
        byte[] written = Files.readAllBytes(logFile);
        List<String> lines = new String(written, (int) logBefore, written.length - (int) logBefore, StandardCharsets.UTF_8)
                .lines().filter(line -> line.contains(id) && line.contains("medsettle.jobs")).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains(" INFO ").contains("medsettle.jobs - job run started job=\"dischargeIntake\" " + id
                + " parameters=\"");
        assertThat(lines.get(1)).containsPattern("job run ended job=\"dischargeIntake\" " + id
                + " status=\"COMPLETED\" exit_code=\"COMPLETED\" duration_ms=\"[0-9]+\" read_count=\"[0-9]+\" "
                + "write_count=\"[0-9]+\" filter_count=\"[0-9]+\" skip_count=\"[0-9]+\" steps=\"2\" exit_description=\"\"$");
    }

    private static Map<String, Object> pairs(ILoggingEvent event) {
        return event.getKeyValuePairs().stream().collect(Collectors.toMap(p -> p.key, p -> p.value));
    }

    private String metrics() throws Exception {
        return mvc.perform(get("/actuator/prometheus")).andReturn().getResponse().getContentAsString();
    }

    private int status(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getStatus();
    }

    private MockHttpSession login(String name) throws Exception {
        MvcResult result = mvc.perform(post("/login").param("username", name).param("password", PASSWORD).with(csrf()))
                .andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).as("login of " + name).doesNotContain("error");
        return (MockHttpSession) result.getRequest().getSession();
    }

    /** The sample of that name whose labels include all of those given; null when there is none. */
    static Double value(String metrics, String name, String... labels) {
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$").matcher(metrics);
        while (sample.find()) {
            String found = sample.group(1) == null ? "" : sample.group(1);
            if (List.of(labels).stream().allMatch(found::contains)) {
                return Double.parseDouble(sample.group(2));
            }
        }
        return null;
    }

    private static double increase(String before, String after, String name, String... labels) {
        Double then = value(before, name, labels);
        Double now = value(after, name, labels);
        assertThat(now).as(name + " " + String.join(",", labels)).isNotNull();
        return now - (then == null ? 0 : then);
    }
}
