package io.medsettle.intake;

import io.medsettle.app.PgCopy;
import io.medsettle.discharges.DischargeColumns;
import io.medsettle.discharges.DischargeRow;
import io.medsettle.files.FileRejectedException;
import io.medsettle.files.InputFile;
import io.medsettle.files.InputRow;
import io.medsettle.files.Problem;
import io.medsettle.runs.StepProgress;
import io.medsettle.settlement.LateFiles;

import java.nio.file.Path;
import java.time.YearMonth;

import javax.sql.DataSource;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code stageDischarges} step: streams the file, checks every row on its own, and sends the
 * good rows to {@code discharge_staging} over one COPY while it reads on; the problems go to
 * {@code intake_problem}.
 *
 * <p>Two findings reject the whole file instead, and end the job with {@link #REJECTED}: a file for
 * a period already settled when the profile does not accept late files, and a file that stops being
 * CSV after its header (an unterminated quote): loading a file is all its good rows or nothing, and
 * where its rows end cannot be told.
 *
 * <p>Why one streamed COPY and not a chunk step: a chunk step reads and checks a chunk, then
 * sends it and waits, so Java and PostgreSQL take turns. Streamed, the server stores rows while
 * the next are read and checked, on the other core; for a million rows the step takes about half
 * as long. The step is one transaction: a run killed while staging has staged nothing, and its
 * restart stages the file again from the first row (seconds, not minutes, even for a large file).
 */
class DischargeStaging implements Tasklet {

    /**
     * Problems wait in memory while the COPY of good rows is open on the connection; beyond this
     * many characters they are sent (a file of nothing but bad rows stays within the heap).
     */
    static final int PROBLEM_BUFFER_CHARS = 1 << 20;

    /** The step's exit status when the whole file was rejected: the job ends there. */
    static final ExitStatus REJECTED = new ExitStatus("REJECTED", "the whole file was rejected");

    private final DataSource dataSource;
    private final IntakeFiles files;
    private final Path file;
    private final long fileId;
    private final String institution;
    private final YearMonth period;
    private final LateFiles lateFiles;

    DischargeStaging(DataSource dataSource, IntakeFiles files, Path file, long fileId, String institution,
                     YearMonth period, LateFiles lateFiles) {
        this.dataSource = dataSource;
        this.files = files;
        this.file = file;
        this.fileId = fileId;
        this.institution = institution;
        this.period = period;
        this.lateFiles = lateFiles;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        String name = file.getFileName().toString();
        // Decided under the intakes' lock, which an approving month-end takes too.
        if (lateFiles == LateFiles.REFUSE && files.periodSettled(period)) {
            files.rejectWhole(fileId, Problem.wholeFile(name, "结算期间" + period + "已结算关闭,本市政策不接受补报",
                    "the period " + period + " is settled and closed, and the policy profile does not accept late files"));
            contribution.setExitStatus(REJECTED);
            return RepeatStatus.FINISHED;
        }
        PgCopy staging = PgCopy.streaming(dataSource, "discharge_staging", DischargeColumns.STAGING);
        PgCopy problems = PgCopy.into(dataSource, "intake_problem", DischargeColumns.PROBLEM);
        StepProgress progress = new StepProgress("stageDischarges", "rows read");
        try (InputFile input = InputFile.open(file, DischargeColumns.REQUIRED, DischargeColumns.OPTIONAL)) {
            for (InputRow row : input) {
                DischargeRow checked = DischargeRow.check(row, institution, period);
                contribution.incrementReadCount();
                progress.row();
                if (checked.accepted()) {
                    checked.copyInto(staging, fileId);
                    contribution.incrementWriteCount(1);
                    continue;
                }
                contribution.incrementFilterCount(1);
                for (Problem p : checked.problems()) {
                    problems.row().number(fileId).number(p.line()).text(p.column()).text(truncate(p.value()))
                            .text(p.reasonZh()).text(p.reasonEn()).text("row").end();
                }
                if (problems.pendingChars() > PROBLEM_BUFFER_CHARS) {
                    staging.flush();
                    problems.flush();
                }
            }
            staging.flush();
            problems.flush();
            // Committed with the rows, so that the load's cursors, which start before anything else
            // of the next step, are planned for the file's real size.
            ReferenceChecks.analyzeStaging(JdbcClient.create(dataSource));
        } catch (FileRejectedException e) {
            // The COPYs end normally (a cancelled COPY would abort the transaction); the rows go again.
            staging.flush();
            problems.flush();
            files.rejectWhole(fileId, e.problem());
            contribution.setExitStatus(REJECTED);
        } catch (RuntimeException | Error e) {
            staging.cancel();
            throw e;
        }
        return RepeatStatus.FINISHED;
    }

    private static String truncate(String value) {
        return value == null || value.length() <= 1000 ? value : value.substring(0, 1000);
    }
}
