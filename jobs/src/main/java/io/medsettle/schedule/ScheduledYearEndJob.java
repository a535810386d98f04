package io.medsettle.schedule;

import io.medsettle.app.MedsettleProperties;
import io.medsettle.runs.JobRuns;
import io.medsettle.runs.RunInProgressException;
import io.medsettle.yearend.YearEnd;

import java.time.Clock;
import java.time.LocalDate;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * The scheduled year-end preview, in January by default: the previous year's draft statements are
 * waiting for the accountants when they come to approve it (`./medsettle year-end --year yyyy
 * --approve`, or the console). It never approves: the year's close needs the assessment scores and a
 * person. A year that is not ready (a month still open, a score missing) is logged with what is
 * missing; a year closed already is skipped.
 */
@DisallowConcurrentExecution
class ScheduledYearEndJob extends QuartzJobBean {

    private static final Logger log = LoggerFactory.getLogger(ScheduledYearEndJob.class);

    private final YearEnd yearEnd;
    private final MedsettleProperties properties;
    private final Clock clock;

    ScheduledYearEndJob(YearEnd yearEnd, MedsettleProperties properties, Clock clock) {
        this.yearEnd = yearEnd;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    protected void executeInternal(JobExecutionContext context) {
        int year = LocalDate.now(clock.withZone(properties.timeZone())).getYear() - 1;
        try {
            YearEnd.Outcome outcome = yearEnd.run(year, YearEnd.Mode.PREVIEW, JobRuns.Trigger.SCHEDULE);
            log.info("scheduled year-end preview {}: run {}, draft statements in {}", year, outcome.runId(),
                    outcome.statements());
        } catch (YearEnd.Refused e) {
            log.warn("scheduled year-end preview {} not run: {}", year, e.getMessage());
        } catch (RunInProgressException e) {
            log.warn("scheduled year-end preview {} skipped: {}", year, e.getMessage());
        }
    }
}
