package io.medsettle.intake;

import io.medsettle.app.PgCopy;
import io.medsettle.runs.StepProgress;

import javax.sql.DataSource;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The {@code adjudicateDischarges} step: reads the file's staged rows one member-year at a time
 * (with the member's earlier settlements), runs the benefit engine over each, and streams the
 * figures into {@code adjudication_staging} over one COPY.
 *
 * <p>Like {@link DischargeStaging}, one transaction and one streamed COPY rather than chunks: the
 * server stores one member-year's figures while the next is read and adjudicated, where chunks
 * would make the two wait for each other (a million rows: about 34 s in chunks). A run killed
 * here has written nothing; run again, it adjudicates the whole file again, from the same staged
 * rows, to the same figures.
 */
class DischargeAdjudication implements Tasklet {

    private final DataSource dataSource;
    private final MemberYearReader memberYears;
    private final MemberYearAdjudicator adjudicator;
    private final long fileId;

    DischargeAdjudication(DataSource dataSource, MemberYearReader memberYears, MemberYearAdjudicator adjudicator,
                          long fileId) {
        this.dataSource = dataSource;
        this.memberYears = memberYears;
        this.adjudicator = adjudicator;
        this.fileId = fileId;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        PgCopy figures = PgCopy.streaming(dataSource, AdjudicatedLine.TABLE, AdjudicatedLine.COLUMNS);
        StepProgress progress = new StepProgress("adjudicateDischarges", "rows adjudicated");
        memberYears.open(new ExecutionContext());
        try {
            for (MemberYearRows year = memberYears.read(); year != null; year = memberYears.read()) {
                contribution.incrementReadCount();
                for (AdjudicatedLine line : adjudicator.process(year)) {
                    line.copyInto(figures, fileId);
                    progress.row();
                }
                contribution.incrementWriteCount(1);
            }
            figures.flush();
        } catch (RuntimeException e) {
            figures.cancel();
            throw e;
        } finally {
            memberYears.close();
        }
        return RepeatStatus.FINISHED;
    }
}
