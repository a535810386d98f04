package io.medsettle.monthend;

import io.medsettle.app.MedsettleProperties;
import io.medsettle.ledger.Ledger;
import io.medsettle.ledger.Money;
import io.medsettle.runs.JobFailures;
import io.medsettle.runs.JobRuns;
import io.medsettle.runs.Refusal;
import io.medsettle.settlement.SettlementLine;

import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Service;

/**
 * Runs the {@code monthEnd} job for a period, as a preview (draft statements, nothing posted) or
 * as the approval (posted, period closed, final statements), under the period's month-end lock so
 * that a manual and a scheduled run never settle the same period at once.
 */
@Service
public class MonthEnd {

    public enum Mode {
        PREVIEW, APPROVE;

        static Mode parse(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT));
        }

        String parameter() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a run produced: its lines as stored, and where its statements are. */
    public record Outcome(long runId, YearMonth period, boolean approved, Optional<Money> controlTotal,
                          List<SettlementLine> lines, Path statements) {

        public Money total(java.util.function.Function<SettlementLine, Money> column) {
            return Money.sum(lines.stream().map(column).toList());
        }
    }

    /** The job's name in the job repository, for whoever watches a run's progress there. */
    public static final String JOB_NAME = MonthEndJobConfiguration.JOB_NAME;

    /** The job parameter that names the period, as {@code yyyy-MM}. */
    public static final String PERIOD_PARAMETER = "period";

    private final Job monthEndJob;
    private final MonthEndRuns runs;
    private final JobRuns jobRuns;
    private final JobRepository jobRepository;
    private final MonthEndRecords records;
    private final Ledger ledger;
    private final MedsettleProperties properties;
    private final Clock clock;

    MonthEnd(Job monthEndJob, MonthEndRuns runs, JobRuns jobRuns, JobRepository jobRepository, MonthEndRecords records,
             Ledger ledger, MedsettleProperties properties, Clock clock) {
        this.monthEndJob = monthEndJob;
        this.runs = runs;
        this.jobRuns = jobRuns;
        this.jobRepository = jobRepository;
        this.records = records;
        this.ledger = ledger;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * @throws PeriodClosedException when the period's month-end was approved before (or its
     *                               ledger period was closed by other means)
     */
    public Outcome run(YearMonth period, Mode mode, JobRuns.Trigger trigger) {
        JobParametersBuilder parameters = new JobParametersBuilder()
                .addString(PERIOD_PARAMETER, period.toString())
                .addString("mode", mode.parameter())
                .addString("profile", properties.profile());
        if (mode == Mode.PREVIEW) {
            parameters.addLong("requestedAt", clock.millis());
        }
        JobParameters jobParameters = parameters.toJobParameters();
        refuseClosed(period, mode, jobParameters);
        if (mode == Mode.APPROVE) {
            List<String> unfinished = runs.unfinishedFiles(period);
            if (!unfinished.isEmpty()) {
                throw new UnfinishedFilesException(period, unfinished);
            }
        }
        JobExecution execution = jobRuns.run(monthEndJob, jobParameters, lockKey(period), trigger);
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            // A refusal found inside the run (a file left unfinished in the meantime) is said as such.
            JobFailures.refusal(execution, Refused.class).ifPresent(refused -> {
                throw refused;
            });
            String cause = JobFailures.reason(execution);
            throw new IllegalStateException("the month-end run of " + period + " did not complete ("
                    + execution.getStatus() + "): " + cause + "; run the same command again to resume it");
        }
        long runId = execution.getExecutionContext().getLong(MonthEndJobConfiguration.RUN_ID);
        return outcome(records.header(runId));
    }

    /** The approved run of a period, as it was stored and posted. */
    public Optional<Outcome> approved(YearMonth period) {
        return records.approvedRun(period).map(this::outcome);
    }

    /** A run of the period, a preview or the approval, as it was stored; empty when the period has no such run. */
    public Optional<Outcome> outcome(YearMonth period, long runId) {
        return records.find(runId).filter(run -> run.period().equals(period)).map(this::outcome);
    }

    /** What must not run twice at once: the month-end of one period, whoever starts it. */
    public static String lockKey(YearMonth period) {
        return "monthEnd:" + period;
    }

    private Outcome outcome(MonthEndRecords.RunHeader run) {
        return new Outcome(run.runId(), run.period(), run.approved(), run.controlTotal(),
                records.lines(run.runId()).stream().map(MonthEndRecords.RunLine::line).toList(),
                StatementFolder.of(properties.out(), run.period(), run.approved()).dir());
    }

    /**
     * A closed period is refused, unless this is the approval that closed it and was stopped
     * before its statements were written: that one is resumed.
     */
    private void refuseClosed(YearMonth period, Mode mode, JobParameters parameters) {
        Optional<MonthEndRecords.RunHeader> approved = records.approvedRun(period);
        if (approved.isEmpty()) {
            if (ledger.isClosed(period)) {
                throw new PeriodClosedException(period + " 的会计期间已在总账中关闭,但没有月结运行;不能再结算入该期间",
                        period + " is closed in the ledger without a month-end run; nothing can be settled into it");
            }
            return;
        }
        JobExecution last = jobRepository.getLastJobExecution(MonthEndJobConfiguration.JOB_NAME, parameters);
        boolean unfinishedApproval = mode == Mode.APPROVE && last != null && last.getStatus() != BatchStatus.COMPLETED;
        if (!unfinishedApproval) {
            MonthEndRecords.RunHeader run = approved.get();
            String approvedAt = run.approvedAt().map(Object::toString).orElse("");
            Path statements = StatementFolder.of(properties.out(), period, true).dir();
            throw new PeriodClosedException(period + " 的月结已于 " + approvedAt + " 审核记账(运行 " + run.runId()
                    + "),该期间已关闭;报表在 " + statements + ";更正在下一个未关闭的期间结算",
                    "the month-end of " + period + " was approved before (run " + run.runId() + ", " + approvedAt
                            + ") and the period is closed; its statements are in " + statements
                            + "; a correction is settled in the next open period");
        }
    }

    /** The run was refused for a reason the operator can act on: not a failure of the software. */
    public static class Refused extends Refusal {
        Refused(String chinese, String english) {
            super(chinese, english);
        }
    }

    /** Refused: the period was settled and closed before. An operator's error, not a failure. */
    public static final class PeriodClosedException extends Refused {
        PeriodClosedException(String chinese, String english) {
            super(chinese, english);
        }
    }

    /**
     * Refused: a discharge file of the period or an earlier one was interrupted while it was taken in.
     * Approving now would settle the month without its rows (they would come late next month).
     */
    public static final class UnfinishedFilesException extends Refused {
        UnfinishedFilesException(YearMonth period, List<String> files) {
            super(period + " 的月结暂不能审核:" + files.size() + " 个出院结算文件尚未处理完(" + String.join(", ", files)
                            + ");请再次运行 `./medsettle intake FILE --institution CODE --period yyyy-MM` 完成每个文件,"
                            + "或运行 `./medsettle intake --abandon FILE_ID` 放弃其中一个,然后再审核",
                    "the month-end of " + period + " cannot be approved while " + files.size()
                            + " discharge file(s) are not finished: " + String.join(", ", files)
                            + "; run `./medsettle intake FILE --institution CODE --period yyyy-MM` again to finish each, "
                            + "or `./medsettle intake --abandon FILE_ID` to give one up, then approve again");
        }
    }
}
