package io.medsettle.schedule;

import io.medsettle.monthend.MonthEnd;
import io.medsettle.runs.JobRuns;
import io.medsettle.runs.RunInProgressException;

import java.time.Clock;
import java.time.YearMonth;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * The month-end run of the previous month, on the 11th by default (hospitals' files are due by
 * the 10th). A period an accountant has already approved by hand is left alone.
 */
@DisallowConcurrentExecution
class ScheduledMonthEndJob extends QuartzJobBean {

    private static final Logger log = LoggerFactory.getLogger(ScheduledMonthEndJob.class);

    private final MonthEnd monthEnd;
    private final ScheduleProperties schedule;
    private final Clock clock;

    ScheduledMonthEndJob(MonthEnd monthEnd, ScheduleProperties schedule, Clock clock) {
        this.monthEnd = monthEnd;
        this.schedule = schedule;
        this.clock = clock;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        YearMonth period = YearMonth.now(clock).minusMonths(1);
        MonthEnd.Mode mode = schedule.monthEndApproves() ? MonthEnd.Mode.APPROVE : MonthEnd.Mode.PREVIEW;
        try {
            MonthEnd.Outcome outcome = monthEnd.run(period, mode, JobRuns.Trigger.SCHEDULE);
            log.info("scheduled month-end {} ({}): run {}, statements in {}", period, mode, outcome.runId(),
                    outcome.statements());
        } catch (MonthEnd.PeriodClosedException e) {
            log.info("scheduled month-end {} skipped: {}", period, e.getMessage());
        } catch (RunInProgressException e) {
            log.warn("scheduled month-end {} skipped: {}", period, e.getMessage());
        }
    }
}
