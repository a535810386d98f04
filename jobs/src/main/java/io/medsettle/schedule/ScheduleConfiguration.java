package io.medsettle.schedule;

import io.medsettle.app.MedsettleProperties;

import java.util.TimeZone;

import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The two scheduled jobs and their cron triggers. Spring Boot registers them with the scheduler
 * (replacing the stored ones, so that a changed cron takes effect); only {@code serve} starts it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ScheduleProperties.class)
class ScheduleConfiguration {

    static final String NIGHTLY_INTAKE = "nightlyIntake";
    static final String MONTH_END = "monthEnd";

    @Bean
    JobDetail nightlyIntakeJobDetail() {
        return JobBuilder.newJob(NightlyIntakeJob.class).withIdentity(NIGHTLY_INTAKE)
                .withDescription("takes in every discharge file waiting in var/inbox/").storeDurably().build();
    }

    @Bean
    Trigger nightlyIntakeTrigger(JobDetail nightlyIntakeJobDetail, ScheduleProperties schedule,
                                 MedsettleProperties properties) {
        return cron(nightlyIntakeJobDetail, schedule.intakeCron(), properties);
    }

    @Bean
    JobDetail monthEndJobDetail() {
        return JobBuilder.newJob(ScheduledMonthEndJob.class).withIdentity(MONTH_END)
                .withDescription("settles the previous month with every institution").storeDurably().build();
    }

    @Bean
    Trigger monthEndTrigger(JobDetail monthEndJobDetail, ScheduleProperties schedule, MedsettleProperties properties) {
        return cron(monthEndJobDetail, schedule.monthEndCron(), properties);
    }

    /** A missed firing (the server was down) runs once when the server is back, not once per miss. */
    private static Trigger cron(JobDetail job, String expression, MedsettleProperties properties) {
        return TriggerBuilder.newTrigger().forJob(job).withIdentity(job.getKey().getName())
                .withSchedule(CronScheduleBuilder.cronSchedule(expression)
                        .inTimeZone(TimeZone.getTimeZone(properties.timeZone()))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
    }
}
