package io.medsettle.schedule;

import io.medsettle.intake.IntakeInbox;
import io.medsettle.runs.JobRuns;
import io.medsettle.runs.RunInProgressException;

import java.util.List;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** The nightly intake: every file waiting in the hospitals' inboxes. */
@DisallowConcurrentExecution
class NightlyIntakeJob extends QuartzJobBean {

    private static final Logger log = LoggerFactory.getLogger(NightlyIntakeJob.class);

    private final IntakeInbox inbox;

    NightlyIntakeJob(IntakeInbox inbox) {
        this.inbox = inbox;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        try {
            List<IntakeInbox.Taken> taken = inbox.scan(JobRuns.Trigger.SCHEDULE);
            log.info("nightly intake: {} file(s) taken in", taken.size());
            taken.forEach(t -> log.info("  {}: {}, {} of {} rows loaded", t.file(), t.outcome().result(),
                    t.outcome().rowsLoaded(), t.outcome().rowsRead()));
        } catch (RunInProgressException e) {
            log.warn("nightly intake skipped: {}", e.getMessage());
        }
    }
}
