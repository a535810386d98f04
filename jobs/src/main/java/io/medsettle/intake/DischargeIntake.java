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
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.stereotype.Service;

/**
 * Takes one discharge file in, exactly once: a file already loaded (same SHA-256) is recognised and
 * skipped; a file whose header or encoding is unusable is rejected whole, with a report; any other
 * file runs the {@code dischargeIntake} job under the intake lock (intakes run one at a time, so
 * each member's earlier settlements are settled when a file reads them), and its report lists
 * every bad row.
 */
@Service
public class DischargeIntake {

    /** Intakes take one lock: a member's year must not change under a running intake. */
    static final String LOCK = "dischargeIntake";

    private final IntakeFiles files;
    private final IntakeReport reports;
    private final JobRuns jobRuns;
    private final Job dischargeIntakeJob;
    private final MedsettleProperties properties;

    DischargeIntake(IntakeFiles files, IntakeReport reports, JobRuns jobRuns, Job dischargeIntakeJob,
                    MedsettleProperties properties) {
        this.files = files;
        this.reports = reports;
        this.jobRuns = jobRuns;
        this.dischargeIntakeJob = dischargeIntakeJob;
        this.properties = properties;
    }

    public enum Result { LOADED, ALREADY_LOADED, REJECTED }

    /**
     * @param report the validation report (Excel; the CSV is beside it), when there were problems
     */
    public record Outcome(Result result, long fileId, int rowsRead, int rowsLoaded, int rowsRejected,
                          Optional<Path> report, String message) {
    }

    /** Where a file's report goes when it is not taken from an inbox: {@code out/intake/<code>/<period>/<name>-report}. */
    public Path reportBase(Path file, String institution, YearMonth period) {
        return properties.out().resolve("intake").resolve(institution).resolve(period.toString())
                .resolve(stem(file) + "-report");
    }

    /** The file's name without its extension. */
    static String stem(Path file) {
        return file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
    }

    public Outcome intake(Path file, String institution, YearMonth period, Path reportBase, JobRuns.Trigger trigger) {
        Path absolute = file.toAbsolutePath().normalize();
        FileFingerprint fingerprint;
        try {
            fingerprint = FileFingerprint.of(absolute);
        } catch (FileRejectedException e) {
            return rejectWhole(absolute, null, institution, period, reportBase, e.problem());
        }
        Optional<IntakeFiles.IntakeFile> known = files.bySha256(fingerprint.sha256());
        if (known.isPresent() && known.get().status() == IntakeFiles.Status.LOADED) {
            IntakeFiles.IntakeFile f = known.get();
            return new Outcome(Result.ALREADY_LOADED, f.id(), f.rowsRead(), f.rowsLoaded(), f.rowsRejected(),
                    Optional.ofNullable(f.reportXlsx()).map(Path::of),
                    "already loaded as file #" + f.id() + " (" + f.fileName() + ", " + f.institution() + " " + f.period()
                            + "): nothing loaded again");
        }
        List<Problem> headerWarnings;
        try (InputFile input = InputFile.open(absolute, fingerprint, DischargeColumns.REQUIRED, DischargeColumns.OPTIONAL)) {
            headerWarnings = input.warnings();
        } catch (FileRejectedException e) {
            return rejectWhole(absolute, fingerprint, institution, period, reportBase, e.problem());
        }
        IntakeFiles.IntakeFile registered = files.register(fingerprint.sha256(), institution, period,
                absolute.getFileName().toString(), fingerprint.charset().name());
        JobParameters parameters = new JobParametersBuilder()
                .addString("file", absolute.toString())
                .addString("sha256", fingerprint.sha256())
                .addString("institution", institution)
                .addString("period", period.toString())
                .addString("profile", properties.profile())
                .addLong("fileId", registered.id(), false)
                .toJobParameters();
        JobExecution execution = jobRuns.run(dischargeIntakeJob, parameters, LOCK, trigger);
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            String cause = execution.getAllFailureExceptions().stream().findFirst().map(Throwable::getMessage)
                    .orElse(execution.getExitStatus().getExitDescription());
            throw new IllegalStateException("the intake of " + absolute.getFileName() + " did not complete ("
                    + execution.getStatus() + "): " + cause + "; run the same command again to resume it");
        }
        IntakeFiles.IntakeFile loaded = files.byId(registered.id());
        Optional<Path> report = Optional.empty();
        if (loaded.rowsRejected() > 0 || !headerWarnings.isEmpty()) {
            ValidationReport written = reports.write(reportBase, absolute, loaded, headerWarnings);
            files.reports(loaded.id(), written.csv().toString(), written.xlsx().toString());
            report = Optional.of(written.xlsx());
        }
        return new Outcome(Result.LOADED, loaded.id(), loaded.rowsRead(), loaded.rowsLoaded(), loaded.rowsRejected(),
                report, loaded.rowsLoaded() + " of " + loaded.rowsRead() + " rows loaded");
    }

    private Outcome rejectWhole(Path file, FileFingerprint fingerprint, String institution, YearMonth period,
                                Path reportBase, Problem problem) {
        String name = file.getFileName().toString();
        try (ValidationReport report = new ValidationReport(reportBase, "出院结算明细校验报告(整个文件被拒收)",
                List.<String[]>of(new String[] {"文件", name}, new String[] {"机构", institution},
                        new String[] {"期间", period.toString()}))) {
            report.add(problem);
            if (fingerprint != null) {
                IntakeFiles.IntakeFile registered = files.register(fingerprint.sha256(), institution, period, name,
                        fingerprint.charset().name());
                files.reject(registered.id(), report.csv().toString(), report.xlsx().toString());
                return new Outcome(Result.REJECTED, registered.id(), 0, 0, 0, Optional.of(report.xlsx()),
                        "the whole file was rejected: " + problem.reasonEn());
            }
            return new Outcome(Result.REJECTED, 0, 0, 0, 0, Optional.of(report.xlsx()),
                    "the whole file was rejected: " + problem.reasonEn());
        }
    }
}
