package io.medsettle.schedule;

import io.medsettle.monthend.MonthEnd;
import io.medsettle.runs.JobRuns;
import io.medsettle.runs.RunInProgressException;

import java.time.YearMonth;
import java.util.List;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * The scheduled month-end, on the 11th by default (hospitals' files are due by the 10th): it
 * settles every period that is due and still open, oldest first ({@link DuePeriods}), so that a
 * firing missed while the server was down, or several, leave no month behind. A period an
 * accountant has already approved by hand is not due.
 */
@DisallowConcurrentExecution
class ScheduledMonthEndJob extends QuartzJobBean {

    private static final Logger log = LoggerFactory.getLogger(ScheduledMonthEndJob.class);

    private final MonthEnd monthEnd;
    private final DuePeriods duePeriods;
    private final ScheduleProperties schedule;

    ScheduledMonthEndJob(MonthEnd monthEnd, DuePeriods duePeriods, ScheduleProperties schedule) {
        this.monthEnd = monthEnd;
        this.duePeriods = duePeriods;
        this.schedule = schedule;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        MonthEnd.Mode mode = schedule.monthEndApproves() ? MonthEnd.Mode.APPROVE : MonthEnd.Mode.PREVIEW;
        List<YearMonth> due = duePeriods.list();
        log.info("scheduled month-end ({}): {}", mode, due.isEmpty() ? "no period is due" : "due " + due);
        for (YearMonth period : due) {
            try {
                MonthEnd.Outcome outcome = monthEnd.run(period, mode, JobRuns.Trigger.SCHEDULE);
                log.info("scheduled month-end {} ({}): run {}, statements in {}", period, mode, outcome.runId(),
                        outcome.statements());
            } catch (MonthEnd.PeriodClosedException e) {
                log.info("scheduled month-end {} skipped: {}", period, e.getMessage());
            } catch (RunInProgressException e) {
                // Oldest first: a later month is not settled before an earlier one is done.
                log.warn("scheduled month-end {} skipped, and the later periods wait for the next run: {}", period,
                        e.getMessage());
                return;
            }
        }
    }
}
