package io.medsettle.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.MedsettleApplication;
import io.medsettle.testdb.PostgresTestDatabase;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.CronTrigger;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.KeyMatcher;
import org.quartz.listeners.JobListenerSupport;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * The schedule across restarts: each start is a new application context on the same database, as
 * a restart of {@code serve} is. The job store keeps the triggers, so a month-end missed while the
 * server was down runs once when it is back; a cron changed in the configuration replaces the
 * stored one.
 */
class ScheduleRestartTest {

    private static final TriggerKey MONTH_END = TriggerKey.triggerKey(ScheduleConfiguration.MONTH_END);

    private final PostgresTestDatabase.Database db = PostgresTestDatabase.emptyDatabase();

    @TempDir
    Path home;

    private ConfigurableApplicationContext start(String... settings) {
        return start(new SpringApplicationBuilder(MedsettleApplication.class), settings);
    }

    private ConfigurableApplicationContext start(SpringApplicationBuilder builder, String... settings) {
        List<String> args = new java.util.ArrayList<>(List.of("--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.user(), "--spring.datasource.password=" + db.password(),
                "--spring.flyway.user=" + db.ownerUser(), "--spring.flyway.password=" + db.ownerPassword(),
                "--medsettle.home=" + home,
                "--medsettle.policies-dir=" + Path.of("../config/policies").toAbsolutePath().normalize()));
        args.addAll(List.of(settings));
        return builder.web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF).logStartupInfo(false).run(args.toArray(String[]::new));
    }

    private JdbcTemplate jdbc(ConfigurableApplicationContext context) {
        return context.getBean(JdbcTemplate.class);
    }

    @Test
    void aMonthEndMissedWhileTheServerWasDownRunsOnceWhenItIsBackAndSettlesEveryDueMonthOldestFirst() throws Exception {
        Instant missed = Instant.now().minus(Duration.ofDays(2));
        try (ConfigurableApplicationContext first = start()) {
            JdbcTemplate jdbc = jdbc(first);
            jdbc.update("""
                    insert into institution (fixmedins_code, valid_from, fixmedins_name, hosp_lv, inst_kind, loaded_at)
                    values ('HSC1', date '0001-01-01', '定时医院', 2, 'general', now())""");
            for (String period : new String[] {"2025-08", "2025-07"}) {
                jdbc.update("""
                        insert into intake_file (sha256, fixmedins_code, period, file_name, status, received_at)
                        values (md5(?) || md5(?), 'HSC1', ?, 'f.csv', 'LOADED', now())""", period, period, period);
            }
            // The server stops; while it is down, the month-end's firing time passes.
            jdbc.update("update qrtz_triggers set next_fire_time = ? where trigger_name = ?", missed.toEpochMilli(),
                    MONTH_END.getName());
        }

        try (ConfigurableApplicationContext again = start()) {
            Scheduler scheduler = again.getBean(Scheduler.class);
            assertThat(scheduler.getTrigger(MONTH_END).getNextFireTime())
                    .as("the stored trigger, with its missed firing, survived the restart").isEqualTo(Date.from(missed));
            AtomicInteger firings = countFirings(scheduler);

            scheduler.start();

            JdbcTemplate jdbc = jdbc(again);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while ((approved(jdbc).size() < 2 || firings.get() == 0) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(approved(jdbc)).as("both months settled, oldest first").containsExactly("2025-07", "2025-08");
            assertThat(scheduler.getTrigger(MONTH_END).getNextFireTime()).as("the next firing is the cron's next one")
                    .isInTheFuture();
            assertThat(firings.get()).as("a missed firing runs once").isEqualTo(1);
            scheduler.standby();
        }
    }

    @Test
    void aCronChangedInTheConfigurationReplacesTheStoredOneAndSaysSoInTheLog() throws Exception {
        // A next firing no fresh trigger would have: the stored one's, kept when its cron is unchanged.
        Date nightly = Date.from(Instant.now().plus(Duration.ofDays(5)).truncatedTo(java.time.temporal.ChronoUnit.HOURS));
        try (ConfigurableApplicationContext first = start()) {
            Scheduler scheduler = first.getBean(Scheduler.class);
            assertThat(((CronTrigger) scheduler.getTrigger(MONTH_END)).getCronExpression()).isEqualTo("0 0 3 11 * ?");
            jdbc(first).update("update qrtz_triggers set next_fire_time = ? where trigger_name = ?", nightly.getTime(),
                    ScheduleConfiguration.NIGHTLY_INTAKE);
        }
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(StoredTriggers.class);
        log.start();
        // Spring Boot sets logging up anew at every start: the appender goes on once it has.
        SpringApplicationBuilder restart = new SpringApplicationBuilder(MedsettleApplication.class)
                .listeners((ApplicationListener<ApplicationPreparedEvent>) prepared -> logger.addAppender(log));
        try (ConfigurableApplicationContext again = start(restart, "--medsettle.schedule.month-end-cron=0 30 4 12 * ?")) {
            Scheduler scheduler = again.getBean(Scheduler.class);
            CronTrigger monthEnd = (CronTrigger) scheduler.getTrigger(MONTH_END);

            assertThat(monthEnd.getCronExpression()).isEqualTo("0 30 4 12 * ?");
            assertThat(monthEnd.getNextFireTime().toInstant().atZone(monthEnd.getTimeZone().toZoneId()))
                    .satisfies(next -> assertThat(next.getDayOfMonth()).isEqualTo(12))
                    .satisfies(next -> assertThat(next.getHour()).isEqualTo(4));
            assertThat(jdbc(again).queryForObject("select cron_expression from qrtz_cron_triggers where trigger_name = ?",
                    String.class, MONTH_END.getName())).isEqualTo("0 30 4 12 * ?");
            assertThat(scheduler.getTrigger(TriggerKey.triggerKey(ScheduleConfiguration.NIGHTLY_INTAKE)).getNextFireTime())
                    .as("the unchanged trigger is kept as stored").isEqualTo(nightly);
            assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage).singleElement().asString()
                    .contains("schedule monthEnd: the cron changed from '0 0 3 11 * ?' (Asia/Shanghai) to '0 30 4 12 * ?'")
                    .contains("rescheduled");
        } finally {
            logger.detachAppender(log);
        }
    }

    @Test
    void aFiringMissedWhileTheCronWasChangedIsNotLost() throws Exception {
        Instant missed = Instant.now().minus(Duration.ofDays(2));
        try (ConfigurableApplicationContext first = start()) {
            jdbc(first).update("update qrtz_triggers set next_fire_time = ? where trigger_name = ?", missed.toEpochMilli(),
                    MONTH_END.getName());
        }

        try (ConfigurableApplicationContext again = start("--medsettle.schedule.month-end-cron=0 30 4 * * ?")) {
            CronTrigger monthEnd = (CronTrigger) again.getBean(Scheduler.class).getTrigger(MONTH_END);

            assertThat(monthEnd.getCronExpression()).isEqualTo("0 30 4 * * ?");
            assertThat(monthEnd.getNextFireTime()).as("the new cron's first firing since the missed one: a misfire, run at start")
                    .isAfter(Date.from(missed)).isInThePast();
        }
    }

    private static List<String> approved(JdbcTemplate jdbc) {
        return jdbc.queryForList("select period from month_end_run where status = 'APPROVED' order by run_id", String.class);
    }

    private static AtomicInteger countFirings(Scheduler scheduler) throws Exception {
        AtomicInteger firings = new AtomicInteger();
        scheduler.getListenerManager().addJobListener(new JobListenerSupport() {
            @Override
            public String getName() {
                return "firings";
            }

            @Override
            public void jobWasExecuted(JobExecutionContext context, JobExecutionException exception) {
                firings.incrementAndGet();
            }
        }, KeyMatcher.keyEquals(JobKey.jobKey(ScheduleConfiguration.MONTH_END)));
        return firings;
    }
}
