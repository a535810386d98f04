package io.medsettle.intake;

import io.medsettle.app.MedsettleProperties;
import io.medsettle.discharges.DischargeColumns;
import io.medsettle.files.FileFingerprint;
import io.medsettle.files.FileRejectedException;
import io.medsettle.files.InputFile;
import io.medsettle.files.Problem;
import io.medsettle.files.ValidationReport;
import io.medsettle.runs.JobRuns;

import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes one discharge file in, exactly once, and always to a defined end: LOADED (its good rows, with
 * a report of the bad ones), ALREADY_LOADED (the institution sent the same content before and it
 * loaded), or REJECTED whole with a report that says why. A file whose header or encoding is unusable
 * is rejected before its job; any other file runs the {@code dischargeIntake} job under the intakes'
 * lock (intakes run one at a time, so each member's settlements are settled when a file reads them).
 *
 * <p>Only an interruption that running again can mend (the database went away, the process was
 * stopped) leaves the file unfinished and says "run the same command again"; the job then resumes.
 * Anything else rejects the file with the reason in its report, so that nothing stays stuck and the
 * same file can be sent again.
 */
@Service
public class DischargeIntake {

    private static final Logger log = LoggerFactory.getLogger(DischargeIntake.class);

    private final IntakeFiles files;
    private final IntakeReport reports;
    private final JobRuns jobRuns;
    private final Job dischargeIntakeJob;
    private final MedsettleProperties properties;
    private final IntakeMeters meters;

    DischargeIntake(IntakeFiles files, IntakeReport reports, JobRuns jobRuns, Job dischargeIntakeJob,
                    MedsettleProperties properties, MeterRegistry registry) {
        this.files = files;
        this.reports = reports;
        this.jobRuns = jobRuns;
        this.dischargeIntakeJob = dischargeIntakeJob;
        this.properties = properties;
        this.meters = new IntakeMeters(registry);
    }

    public enum Result { LOADED, ALREADY_LOADED, REJECTED }

    /**
     * @param report       the validation report (Excel; the CSV is beside it), when there were problems
     * @param late         the file's period was settled before it came (补报): its rows are settled by the
     *                     next approved month-end
     * @param revised      settlements of the file's own institution loaded before, re-adjudicated because
     *                     this file's settlements come before them in the members' order
     * @param revisedOther the same, of other institutions
     */
    public record Outcome(Result result, long fileId, int rowsRead, int rowsLoaded, int rowsRejected,
                          Optional<Path> report, String message, boolean late, int revised, int revisedOther) {

        static Outcome rejected(long fileId, Optional<Path> report, String message) {
            return new Outcome(Result.REJECTED, fileId, 0, 0, 0, report, message, false, 0, 0);
        }
    }

    /** An intake stopped by something that running it again mends; the file is left unfinished. */
    public static final class InterruptedIntakeException extends RuntimeException {
        InterruptedIntakeException(String message) {
            super(message);
        }
    }

    /** Where a file's report goes when it is not taken from an inbox: {@code out/intake/<code>/<period>/}. */
    public Path reportDirectory(String institution, YearMonth period) {
        return properties.out().resolve("intake").resolve(institution).resolve(period.toString());
    }

    /** The file's name without its extension. */
    static String stem(Path file) {
        return file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
    }

    /**
     * @param reportDirectory where the report goes, as {@code <name>-file<id>-report.csv/.xlsx} (a file
     *                        not registered, unreadable, gets a name no other report has)
     */
    public Outcome intake(Path file, String institution, YearMonth period, Path reportDirectory, JobRuns.Trigger trigger) {
        Outcome outcome;
        try {
            outcome = takeIn(file, institution, period, reportDirectory, trigger);
        } catch (InterruptedIntakeException e) {
            meters.interrupted();
            throw e;
        }
        // Counted once the file has come to its end; a run refused because another intake holds the
        // lock (RunInProgressException) is no outcome: it is tried again or reported as busy.
        meters.taken(outcome);
        return outcome;
    }

    private Outcome takeIn(Path file, String institution, YearMonth period, Path reportDirectory, JobRuns.Trigger trigger) {
        Path absolute = file.toAbsolutePath().normalize();
        String name = ReportNames.fileName(absolute);
        FileFingerprint fingerprint;
        try {
            fingerprint = FileFingerprint.of(absolute);
        } catch (FileRejectedException e) {
            return rejectUnregistered(name, institution, period, reportDirectory, e.problem());
        }
        Optional<IntakeFiles.IntakeFile> known = files.loaded(institution, fingerprint.sha256());
        if (known.isPresent()) {
            IntakeFiles.IntakeFile f = known.get();
            return new Outcome(Result.ALREADY_LOADED, f.id(), f.rowsRead(), f.rowsLoaded(), f.rowsRejected(),
                    Optional.ofNullable(f.reportXlsx()).map(Path::of),
                    "already loaded as file #" + f.id() + " (" + f.fileName() + ", " + f.period() + "): nothing loaded again",
                    f.late(), f.rowsRevised(), f.rowsRevisedOther());
        }
        List<Problem> headerWarnings;
        try (InputFile input = InputFile.open(absolute, fingerprint, DischargeColumns.REQUIRED, DischargeColumns.OPTIONAL)) {
            headerWarnings = input.warnings();
        } catch (FileRejectedException e) {
            IntakeFiles.IntakeFile registered = files.register(fingerprint.sha256(), institution, period, name,
                    fingerprint.charset().name());
            Path base = ReportNames.forFile(reportDirectory, absolute, registered.id());
            try (ValidationReport report = wholeFileReport(base, name, institution, period)) {
                report.add(e.problem());
                files.reject(registered.id(), report.csv().toString(), report.xlsx().toString());
                return Outcome.rejected(registered.id(), Optional.of(report.xlsx()),
                        "the whole file was rejected: " + e.problem().reasonEn());
            }
        }
        IntakeFiles.IntakeFile registered = files.register(fingerprint.sha256(), institution, period, name,
                fingerprint.charset().name());
        JobParameters parameters = new JobParametersBuilder()
                .addString("file", absolute.toString())
                .addString("sha256", fingerprint.sha256())
                .addString("institution", institution)
                .addString("period", period.toString())
                .addString("profile", properties.profile())
                .addLong("fileId", registered.id())
                .toJobParameters();
        JobExecution execution = jobRuns.run(dischargeIntakeJob, parameters, JobRuns.INTAKE_LOCK, trigger);
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            Throwable failure = execution.getAllFailureExceptions().stream().findFirst()
                    .orElse(new IllegalStateException(execution.getExitStatus().getExitDescription()));
            String cause = Interruption.reason(failure);
            if (Interruption.isTransient(failure)) {
                throw new InterruptedIntakeException("the intake of " + name + " was interrupted (" + cause
                        + "); run the same command again to resume it");
            }
            log.error("intake of {} (file #{}) failed; the file is rejected", name, registered.id(), failure);
            files.abandon(registered.id(), Problem.wholeFile(name, "处理文件时发生内部错误,未入库任何数据: " + cause,
                    "an internal error stopped the intake and nothing was loaded: " + cause
                            + " (details in var/log/medsettle.log); the file can be sent again"));
        }
        IntakeFiles.IntakeFile done = files.byId(registered.id());
        Path base = ReportNames.forFile(reportDirectory, absolute, done.id());
        if (done.status() == IntakeFiles.Status.REJECTED) {
            ValidationReport written = reports.write(base, name, done, headerWarnings, true);
            files.reports(done.id(), written.csv().toString(), written.xlsx().toString());
            return Outcome.rejected(done.id(), Optional.of(written.xlsx()),
                    "the whole file was rejected: " + reports.wholeFileReason(done.id()));
        }
        Optional<Path> report = Optional.empty();
        int notDebited = reports.accountProblems(done.id());
        if (done.rowsRejected() > 0 || !headerWarnings.isEmpty() || notDebited > 0) {
            ValidationReport written = reports.write(base, name, done, headerWarnings, false);
            files.reports(done.id(), written.csv().toString(), written.xlsx().toString());
            report = Optional.of(written.xlsx());
        }
        String message = message(done) + (notDebited == 0 ? "" : "; " + notDebited
                + " account payment(s) not debited (balance insufficient or account closed): settled for the funds "
                + "without their account part, see the report");
        return new Outcome(Result.LOADED, done.id(), done.rowsRead(), done.rowsLoaded(), done.rowsRejected(), report,
                message, done.late(), done.rowsRevised(), done.rowsRevisedOther());
    }

    /**
     * Gives up an intake that was interrupted and will not be finished (the file is gone, or was sent
     * again corrected): the file is rejected with that reason and nothing of it counts. Waits for a
     * running intake first, so that it never gives up one in progress.
     *
     * @return false when the file is not unfinished (loaded, rejected, or unknown)
     */
    @Transactional
    public boolean abandon(long fileId) {
        jobRuns.holdForTransaction(JobRuns.INTAKE_LOCK, Duration.ofMinutes(10));
        Optional<IntakeFiles.IntakeFile> file = files.find(fileId);
        if (file.isEmpty() || file.get().status() != IntakeFiles.Status.STAGING) {
            return false;
        }
        files.rejectWhole(fileId, Problem.wholeFile(file.get().fileName(), "操作员放弃了这次未完成的处理,未入库任何数据",
                "the operator gave up this unfinished intake; nothing of it was loaded"));
        return true;
    }

    private static String message(IntakeFiles.IntakeFile f) {
        StringBuilder message = new StringBuilder(f.rowsLoaded() + " of " + f.rowsRead() + " rows loaded");
        if (f.late()) {
            message.append("; the period ").append(f.period()).append(" was already settled: these rows are a late file ")
                    .append("(补报) and are settled by the next month-end approval");
        }
        if (f.rowsRevised() + f.rowsRevisedOther() > 0) {
            message.append("; re-adjudicated because this file's settlements come before them: ")
                    .append(f.rowsRevisedOther()).append(" settlement(s) of other institutions, ")
                    .append(f.rowsRevised()).append(" of this institution");
        }
        return message.toString();
    }

    private Outcome rejectUnregistered(String name, String institution, YearMonth period, Path reportDirectory,
                                       Problem problem) {
        try (ValidationReport report = wholeFileReport(ReportNames.unique(reportDirectory, name), name, institution,
                period)) {
            report.add(problem);
            return Outcome.rejected(0, Optional.of(report.xlsx()), "the whole file was rejected: " + problem.reasonEn());
        }
    }

    private static ValidationReport wholeFileReport(Path base, String name, String institution, YearMonth period) {
        return new ValidationReport(base, "出院结算明细校验报告(整个文件被拒收)",
                List.<String[]>of(new String[] {"文件", name}, new String[] {"机构", institution},
                        new String[] {"期间", period.toString()}));
    }
}
