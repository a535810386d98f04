package io.medsettle.schedule;

import java.util.Date;
import java.util.List;
import java.util.Objects;

import org.quartz.CronTrigger;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Keeps the triggers stored in the job store across restarts. A stored trigger remembers its next
 * firing, so a firing missed while the server was down is still there when it comes back, and
 * Quartz's misfire handling fires it once (the triggers' fire-once-now instruction). Spring
 * registers a configured trigger only where none is stored ({@code overwrite-existing-jobs: false});
 * this replaces a stored trigger whose cron or time zone the configuration has changed, and says
 * so in the log.
 */
final class StoredTriggers implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(StoredTriggers.class);

    private final Scheduler scheduler;
    private final List<JobDetail> jobs;
    private final List<CronTrigger> triggers;

    StoredTriggers(Scheduler scheduler, List<JobDetail> jobs, List<CronTrigger> triggers) {
        this.scheduler = scheduler;
        this.jobs = jobs;
        this.triggers = triggers;
    }

    @Override
    public void afterPropertiesSet() throws SchedulerException {
        // The jobs' classes and descriptions are this version's; replacing a job keeps its triggers.
        for (JobDetail job : jobs) {
            scheduler.addJob(job, true);
        }
        for (CronTrigger configured : triggers) {
            if (scheduler.getTrigger(configured.getKey()) instanceof CronTrigger stored && changed(stored, configured)) {
                reschedule(stored, configured);
            }
        }
    }

    private static boolean changed(CronTrigger stored, CronTrigger configured) {
        return !Objects.equals(stored.getCronExpression(), configured.getCronExpression())
                || !Objects.equals(stored.getTimeZone().getID(), configured.getTimeZone().getID());
    }

    /**
     * A stored firing that was already missed when this configuration was read stays due: the new
     * cron starts from it, so that its first firing in the past is a misfire and runs once.
     */
    private void reschedule(CronTrigger stored, CronTrigger configured) throws SchedulerException {
        TriggerBuilder<? extends Trigger> replacement = configured.getTriggerBuilder();
        Date missed = stored.getNextFireTime();
        if (missed != null && missed.before(configured.getStartTime())) {
            replacement.startAt(missed);
        }
        Date next = scheduler.rescheduleJob(stored.getKey(), replacement.build());
        log.info("schedule {}: the cron changed from '{}' ({}) to '{}' ({}) in the configuration; rescheduled, next run {}",
                stored.getKey().getName(), stored.getCronExpression(), stored.getTimeZone().getID(),
                configured.getCronExpression(), configured.getTimeZone().getID(),
                next == null ? "never" : next.toInstant().atZone(configured.getTimeZone().toZoneId()).toLocalDateTime());
    }
}
