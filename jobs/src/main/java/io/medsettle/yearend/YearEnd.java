package io.medsettle.yearend;

import io.medsettle.adjudication.PolicyProfiles;
import io.medsettle.app.MedsettleProperties;
import io.medsettle.runs.JobFailures;
import io.medsettle.runs.JobRuns;
import io.medsettle.runs.Refusal;
import io.medsettle.settlement.YearEndLine;

import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Service;

/**
 * Runs the {@code yearEnd} job for a year, as a preview (draft statements, nothing posted) or as the
 * approval (posted, the year closed, final statements), under the year's lock so that a manual and a
 * scheduled run never settle the same year at once.
 */
@Service
public class YearEnd {

    public enum Mode {
        PREVIEW, APPROVE;

        static Mode parse(String text) {
            return valueOf(text.toUpperCase(Locale.ROOT));
        }

        String parameter() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a run produced: its lines and totals as stored, and where its statements are. */
    public record Outcome(long runId, int year, boolean approved, YearEndSummary summary, List<YearEndLine> lines,
                          Path statements) {
    }

    /** The job's name in the job repository, for whoever watches a run's progress there. */
    public static final String JOB_NAME = YearEndJobConfiguration.JOB_NAME;

    /** The job parameter that names the year. */
    public static final String YEAR_PARAMETER = "year";

    private final Job yearEndJob;
    private final YearEndRuns runs;
    private final YearEndRecords records;
    private final JobRuns jobRuns;
    private final JobRepository jobRepository;
    private final MedsettleProperties properties;
    private final Clock clock;

    YearEnd(Job yearEndJob, YearEndRuns runs, YearEndRecords records, JobRuns jobRuns,
            JobRepository jobRepository, MedsettleProperties properties, Clock clock) {
        this.yearEndJob = yearEndJob;
        this.runs = runs;
        this.records = records;
        this.jobRuns = jobRuns;
        this.jobRepository = jobRepository;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * @throws Refused when the year is closed, a month of it is open or a score is missing
     */
    public Outcome run(int year, Mode mode, JobRuns.Trigger trigger) {
        JobParametersBuilder parameters = new JobParametersBuilder()
                .addLong(YEAR_PARAMETER, (long) year)
                .addString("mode", mode.parameter())
                .addString("profile", properties.profile());
        if (mode == Mode.PREVIEW) {
            parameters.addLong("requestedAt", clock.millis());
        }
        JobParameters jobParameters = parameters.toJobParameters();
        refuseClosed(year, mode, jobParameters);
        JobExecution execution = jobRuns.run(yearEndJob, jobParameters, lockKey(year), trigger);
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            JobFailures.refusal(execution, Refused.class).ifPresent(refused -> {
                throw refused;
            });
            String cause = JobFailures.reason(execution);
            throw new IllegalStateException("the year-end run of " + year + " did not complete (" + execution.getStatus()
                    + "): " + cause + "; run the same command again to resume it");
        }
        return outcome(records.header(execution.getExecutionContext().getLong(YearEndJobConfiguration.RUN_ID)));
    }

    /** The approved run of a year, as it was stored and posted. */
    public java.util.Optional<Outcome> approved(int year) {
        return records.approvedRun(year).map(this::outcome);
    }

    /** A run of the year, a preview or the approval, as it was stored; empty when the year has no such run. */
    public java.util.Optional<Outcome> outcome(int year, long runId) {
        return records.find(runId).filter(run -> run.year() == year).map(this::outcome);
    }

    /** What must not run twice at once: the year-end of one year, whoever starts it. */
    public static String lockKey(int year) {
        return "yearEnd:" + year;
    }

    private Outcome outcome(YearEndRecords.RunHeader run) {
        return new Outcome(run.runId(), run.year(), run.approved(), records.summary(run), records.lines(run.runId()),
                YearStatementFolder.of(properties.out(), run.year(), run.approved()).dir());
    }

    /**
     * A closed year is refused, unless this is the approval that closed it and was stopped before its
     * statements were written: that one is resumed. An open month or a missing score is refused before
     * the job starts, naming all of them.
     */
    private void refuseClosed(int year, Mode mode, JobParameters parameters) {
        var approved = records.approvedRun(year);
        if (approved.isEmpty()) {
            runs.requireReady(year, PolicyProfiles.load(properties.policies(), properties.profile()).accounts().interestMethod());
            return;
        }
        JobExecution last = jobRepository.getLastJobExecution(YearEndJobConfiguration.JOB_NAME, parameters);
        boolean unfinishedApproval = mode == Mode.APPROVE && last != null && last.getStatus() != BatchStatus.COMPLETED;
        if (!unfinishedApproval) {
            throw new YearClosedException(year, approved.get(), YearStatementFolder.of(properties.out(), year, true).dir());
        }
    }

    /** The run was refused for a reason the operator can act on: not a failure of the software. */
    public static class Refused extends Refusal {
        Refused(String chinese, String english) {
            super(chinese, english);
        }
    }

    /** Refused: the year's year-end was approved before; it is the year's close. */
    public static final class YearClosedException extends Refused {
        YearClosedException(int year, YearEndRecords.RunHeader run) {
            super(year + " 年的年终清算已于 " + approvedAt(run) + " 审核记账(运行 " + run.runId() + "),该年度已关闭",
                    "the year-end of " + year + " was approved before (run " + run.runId() + ", " + approvedAt(run)
                            + ") and the year is closed");
        }

        YearClosedException(int year, YearEndRecords.RunHeader run, Path statements) {
            super(year + " 年的年终清算已于 " + approvedAt(run) + " 审核记账(运行 " + run.runId() + "),该年度已关闭;报表在 "
                            + statements + ";此后该年度的变动在下一年度的运行中结算",
                    "the year-end of " + year + " was approved before (run " + run.runId() + ", " + approvedAt(run)
                            + ") and the year is closed; its statements are in " + statements
                            + "; what changes in the year since is settled in the next year's runs");
        }

        private static String approvedAt(YearEndRecords.RunHeader run) {
            return run.approvedAt().map(Object::toString).orElse("");
        }
    }

    /**
     * Refused: months of the year are still open, institutions that held amounts back have no score, or
     * the interest's rates are missing. Everything missing is named at once, in both languages.
     */
    public static final class NotReadyException extends Refused {
        NotReadyException(int year, List<YearMonth> openMonths, List<String> unscored, List<String> missingRates) {
            super(chinese(year, openMonths, unscored, missingRates), english(year, openMonths, unscored, missingRates));
        }

        private static String chinese(int year, List<YearMonth> openMonths, List<String> unscored,
                                      List<String> missingRates) {
            List<String> missing = new ArrayList<>();
            if (!openMonths.isEmpty()) {
                missing.add(openMonths.size() + " 个月尚无已审核的月结(" + months(openMonths)
                        + ";逐月运行 `./medsettle month-end --period yyyy-MM --approve` 审核)");
            }
            if (!unscored.isEmpty()) {
                missing.add(unscored.size() + " 家机构在 " + year + " 年有预留金额但没有该年度的考核得分("
                        + String.join(", ", unscored) + ";用 `./medsettle load assessment-scores FILE` 导入)");
            }
            if (!missingRates.isEmpty()) {
                missing.add("个人账户计息缺少利率:" + String.join("; ", missingRates)
                        + "(用 `./medsettle load interest-rates FILE` 导入)");
            }
            return year + " 年的年终清算暂不能运行:" + String.join(";", missing);
        }

        private static String english(int year, List<YearMonth> openMonths, List<String> unscored,
                                      List<String> missingRates) {
            StringBuilder text = new StringBuilder("the year-end of " + year + " cannot run yet:");
            if (!openMonths.isEmpty()) {
                text.append(" ").append(openMonths.size()).append(" month(s) have no approved month-end (")
                        .append(months(openMonths))
                        .append("; approve each with `./medsettle month-end --period yyyy-MM --approve`)")
                        .append(unscored.isEmpty() ? "" : ";");
            }
            if (!unscored.isEmpty()) {
                text.append(" ").append(unscored.size()).append(" institution(s) held amounts back in ").append(year)
                        .append(" and have no assessment score for it (").append(String.join(", ", unscored))
                        .append("; load them with `./medsettle load assessment-scores FILE`)")
                        .append(missingRates.isEmpty() ? "" : ";");
            }
            if (!missingRates.isEmpty()) {
                text.append(" the interest of the accounts needs rates: ").append(String.join("; ", missingRates))
                        .append(" (load them with `./medsettle load interest-rates FILE`)");
            }
            return text.toString();
        }

        private static String months(List<YearMonth> months) {
            return String.join(", ", months.stream().map(YearMonth::toString).toList());
        }
    }
}
