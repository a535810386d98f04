package io.medsettle.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.support.MedsettleSpringTest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.KeyMatcher;
import org.quartz.listeners.JobListenerSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The schedule on the database's Quartz job store: the crons from the configuration, a scheduled
 * month-end that settles the month that is due, and a scheduled run that stands aside while another
 * run of the same period holds the lock. Restarts: {@link ScheduleRestartTest}.
 */
@Import(ScheduleTest.FixedClock.class)
// One scheduler on this context's database: no cluster check-ins and recoveries between the test's
// firings (under a busy CI machine they once delayed a fired job by two minutes).
@TestPropertySource(properties = "spring.quartz.properties.org.quartz.jobStore.isClustered=false")
class ScheduleTest extends MedsettleSpringTest {

    @TestConfiguration
    static class FixedClock {
        /** 11 September 2025, 03:00 in the fund's zone: the month-end of August is due. */
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(Instant.parse("2025-09-10T19:00:00Z"), ZoneId.of("Asia/Shanghai"));
        }
    }

    @Autowired
    Scheduler scheduler;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @AfterEach
    void stop() throws Exception {
        scheduler.standby();
    }

    @Test
    void theCronsComeFromTheConfigurationAndAreStoredInTheDatabase() throws Exception {
        CronTrigger monthEnd = (CronTrigger) scheduler.getTrigger(TriggerKey.triggerKey("monthEnd"));
        CronTrigger intake = (CronTrigger) scheduler.getTrigger(TriggerKey.triggerKey("nightlyIntake"));

        assertThat(monthEnd.getCronExpression()).isEqualTo("0 0 3 11 * ?");
        assertThat(intake.getCronExpression()).isEqualTo("0 0 1 * * ?");
        assertThat(monthEnd.getTimeZone().getID()).isEqualTo("Asia/Shanghai");
        // The cron triggers; a one-off trigger of a job fired by hand in another test may still be there.
        assertThat(jdbc.queryForList("select trigger_name from qrtz_triggers where trigger_type = 'CRON' order by 1", String.class))
                .containsExactly("monthEnd", "nightlyIntake", "yearEnd");
    }

    @Test
    void aScheduledMonthEndSettlesThePreviousMonthUnlessAnotherRunHoldsThePeriod() throws Exception {
        jdbc.update("""
                insert into institution (fixmedins_code, valid_from, fixmedins_name, hosp_lv, inst_kind, loaded_at)
                values ('HSC1', date '0001-01-01', '定时医院', 2, 'general', now())""");
        // A month is due for the schedule once a hospital has sent a file for it.
        jdbc.update("""
                insert into intake_file (sha256, fixmedins_code, period, file_name, status, rows_read, rows_loaded,
                                         rows_rejected, received_at, finished_at)
                values (repeat('a', 64), 'HSC1', '2025-08', '2025-08.csv', 'LOADED', 0, 0, 0, now(), now())""");
        scheduler.start();

        try (Connection manual = dataSource.getConnection();
             PreparedStatement lock = manual.prepareStatement("select pg_advisory_lock(?, ?)")) {
            // What a manual `month-end --period 2025-08` holds while it runs (JobRuns' lock).
            lock.setInt(1, 0x4D53);
            lock.setInt(2, "monthEnd:2025-08".hashCode());
            lock.execute();
            fireMonthEndAndWait();
            assertThat(runs()).as("the scheduled run stood aside").isZero();
            // A pooled connection keeps its session, and the session its lock: release it.
            try (PreparedStatement unlock = manual.prepareStatement("select pg_advisory_unlock(?, ?)")) {
                unlock.setInt(1, 0x4D53);
                unlock.setInt(2, "monthEnd:2025-08".hashCode());
                unlock.execute();
            }
        }

        fireMonthEndAndWait();

        assertThat(runs()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select status from month_end_run where period = '2025-08'", String.class))
                .isEqualTo("APPROVED");
        assertThat(HOME.resolve("out/2025-08/fund-summary-2025-08.xlsx")).exists();
    }

    private int runs() {
        return jdbc.queryForObject("select count(*) from month_end_run where period = '2025-08'", Integer.class);
    }

    /** Fires the scheduled month-end now and waits until Quartz reports it executed. */
    private void fireMonthEndAndWait() throws Exception {
        CountDownLatch executed = new CountDownLatch(1);
        String name = "test-listener-" + System.nanoTime();
        scheduler.getListenerManager().addJobListener(new JobListenerSupport() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public void jobWasExecuted(JobExecutionContext context, JobExecutionException exception) {
                executed.countDown();
            }
        }, KeyMatcher.keyEquals(JobKey.jobKey("monthEnd")));
        try {
            scheduler.triggerJob(JobKey.jobKey("monthEnd"));
            assertThat(executed.await(180, TimeUnit.SECONDS)).as("the scheduled month-end ran").isTrue();
        } finally {
            scheduler.getListenerManager().removeJobListener(name);
        }
    }
}
