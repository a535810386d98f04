package io.medsettle.schedule;

import io.medsettle.app.MedsettleProperties;

import java.util.List;
import java.util.TimeZone;

import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.TriggerBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The scheduled jobs and their cron triggers. Spring Boot registers a trigger with the
 * scheduler when the job store has none; a stored one is kept, with its next firing, unless the
 * configuration changed its cron ({@link StoredTriggers}). Only {@code serve} starts the scheduler.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ScheduleProperties.class)
class ScheduleConfiguration {

    static final String NIGHTLY_INTAKE = "nightlyIntake";
    static final String MONTH_END = "monthEnd";
    static final String YEAR_END = "yearEnd";

    @Bean
    JobDetail nightlyIntakeJobDetail() {
        return JobBuilder.newJob(NightlyIntakeJob.class).withIdentity(NIGHTLY_INTAKE)
                .withDescription("takes in every discharge file waiting in var/inbox/").storeDurably().build();
    }

    @Bean
    CronTrigger nightlyIntakeTrigger(JobDetail nightlyIntakeJobDetail, ScheduleProperties schedule,
                                     MedsettleProperties properties) {
        return cron(nightlyIntakeJobDetail, schedule.intakeCron(), properties);
    }

    @Bean
    JobDetail monthEndJobDetail() {
        return JobBuilder.newJob(ScheduledMonthEndJob.class).withIdentity(MONTH_END)
                .withDescription("settles every month that is due and open, oldest first").storeDurably().build();
    }

    @Bean
    CronTrigger monthEndTrigger(JobDetail monthEndJobDetail, ScheduleProperties schedule, MedsettleProperties properties) {
        return cron(monthEndJobDetail, schedule.monthEndCron(), properties);
    }

    @Bean
    JobDetail yearEndJobDetail() {
        return JobBuilder.newJob(ScheduledYearEndJob.class).withIdentity(YEAR_END)
                .withDescription("previews the previous year's year-end for the accountants").storeDurably().build();
    }

    @Bean
    CronTrigger yearEndTrigger(JobDetail yearEndJobDetail, ScheduleProperties schedule, MedsettleProperties properties) {
        return cron(yearEndJobDetail, schedule.yearEndCron(), properties);
    }

    @Bean
    StoredTriggers storedTriggers(Scheduler scheduler, List<JobDetail> jobs, List<CronTrigger> triggers) {
        return new StoredTriggers(scheduler, jobs, triggers);
    }

    /**
     * A missed firing (the server was down) runs once when the server is back, not once per miss:
     * Quartz's fire-once-now misfire instruction ({@code withMisfireHandlingInstructionFireAndProceed}).
     */
    private static CronTrigger cron(JobDetail job, String expression, MedsettleProperties properties) {
        return TriggerBuilder.newTrigger().forJob(job).withIdentity(job.getKey().getName())
                .withSchedule(CronScheduleBuilder.cronSchedule(expression)
                        .inTimeZone(TimeZone.getTimeZone(properties.timeZone()))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
    }
}
