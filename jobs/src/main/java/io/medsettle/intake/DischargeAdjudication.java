package io.medsettle.intake;

import io.medsettle.app.PgCopy;
import io.medsettle.discharges.DischargeColumns;
import io.medsettle.files.Problem;
import io.medsettle.runs.StepProgress;

import javax.sql.DataSource;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The {@code adjudicateDischarges} step: reads the file's members one at a time, each with the
 * settlements already loaded for them ({@link MemberRows}), adjudicates them in DOMAIN.md's order
 * ({@link MemberAdjudicator}) and streams the file's figures into {@code adjudication_staging} over
 * one COPY; the revisions of loaded settlements go to {@code revision_staging}, the rows refused to
 * {@code intake_problem}. Nothing of it counts before {@code finishIntake} moves it in.
 *
 * <p>Like {@link DischargeStaging}, one transaction and one streamed COPY rather than chunks: the
 * server stores one member's figures while the next is read and adjudicated, where chunks would make
 * the two wait for each other (a million rows: about 34 s in chunks). A run killed here has written
 * nothing; run again, it adjudicates the whole file again, from the same staged rows, to the same
 * figures.
 */
class DischargeAdjudication implements Tasklet {

    /** Revisions and problems wait while the figures' COPY is open; beyond this they are sent. */
    static final int BUFFER_CHARS = 1 << 20;

    private final DataSource dataSource;
    private final MemberRowsReader members;
    private final MemberAdjudicator adjudicator;
    private final long fileId;

    DischargeAdjudication(DataSource dataSource, MemberRowsReader members, MemberAdjudicator adjudicator, long fileId) {
        this.dataSource = dataSource;
        this.members = members;
        this.adjudicator = adjudicator;
        this.fileId = fileId;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        PgCopy figures = PgCopy.streaming(dataSource, AdjudicatedLine.TABLE, AdjudicatedLine.COLUMNS);
        PgCopy revisions = PgCopy.into(dataSource, AdjudicatedLine.REVISION_TABLE, AdjudicatedLine.REVISION_COLUMNS);
        PgCopy problems = PgCopy.into(dataSource, "intake_problem", DischargeColumns.PROBLEM);
        StepProgress progress = new StepProgress("adjudicateDischarges", "rows adjudicated");
        members.open(new ExecutionContext());
        try {
            for (MemberRows member = members.read(); member != null; member = members.read()) {
                contribution.incrementReadCount();
                MemberAdjudicator.Result result = adjudicator.process(member);
                for (AdjudicatedLine line : result.lines()) {
                    line.copyInto(figures, fileId);
                    progress.row();
                }
                result.revisions().forEach(revision -> AdjudicatedLine.copyRevision(revisions, fileId, revision));
                for (Problem p : result.problems()) {
                    problems.row().number(fileId).number(p.line()).text(p.column()).text(p.value())
                            .text(p.reasonZh()).text(p.reasonEn()).text("adjudication").end();
                }
                contribution.incrementWriteCount(1);
                if (revisions.pendingChars() + problems.pendingChars() > BUFFER_CHARS) {
                    // One COPY at a time on the transaction's connection: the figures' stream ends first.
                    figures.flush();
                    revisions.flush();
                    problems.flush();
                }
            }
            figures.flush();
            revisions.flush();
            problems.flush();
        } catch (RuntimeException | Error e) {
            figures.cancel();
            throw e;
        } finally {
            members.close();
        }
        return RepeatStatus.FINISHED;
    }
}
