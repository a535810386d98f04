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
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code loadDischarges} step, in one transaction: reads the file's members one at a time, each
 * with the settlements already loaded for them ({@link MemberRows}) and the movements of their
 * individual accounts ({@link PostedMovements}), adjudicates them in DOMAIN.md's order
 * ({@link MemberAdjudicator}), decides their account debits ({@link DischargeAccounts}) and streams
 * the file's settlements, facts and figures together, straight into {@code settlement} over one
 * COPY; then {@link FileLoad} records the revisions and changes, posts the account movements and
 * marks the file loaded, in the same transaction.
 *
 * <p>Why one step and not adjudicate, debit and load apart: each row used to be written three times
 * (staged, its figures staged, then moved into {@code settlement} by an {@code INSERT … SELECT}
 * that joined the two), and the account step read the file a third time. Written once, the server
 * stores one member's settlements while the next member is read and adjudicated on the other core.
 * The file still counts all or nothing: the COPY is part of the transaction that marks it loaded, and
 * {@code settlement} is append-only, so a run killed here has written nothing that counts; run
 * again, it adjudicates the whole file again, from the same staged rows, to the same figures.
 */
class DischargeLoad implements Tasklet {

    /**
     * Revisions, problems and account movements wait while the settlements' COPY is open; beyond
     * this many characters they are sent (ending that COPY, which the next row opens again).
     */
    static final int BUFFER_CHARS = 8 << 20;

    /**
     * Settlements per COPY statement. {@code settlement}'s statement trigger (V7) sees each
     * statement's rows as a transition table, which the server keeps in memory up to
     * {@code work_mem} and spills to disk beyond it: one COPY of a million rows wrote and read them
     * all again (1.3 s of the server's CPU); in statements of this size they stay in memory.
     */
    static final int ROWS_PER_STATEMENT = 50_000;

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final MemberRowsReader members;
    private final MemberAdjudicator adjudicator;
    private final FileLoad fileLoad;
    private final long fileId;
    private final String period;

    DischargeLoad(DataSource dataSource, JdbcClient jdbc, MemberRowsReader members, MemberAdjudicator adjudicator,
                  FileLoad fileLoad, long fileId, String period) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.members = members;
        this.adjudicator = adjudicator;
        this.fileLoad = fileLoad;
        this.fileId = fileId;
        this.period = period;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        fileLoad.clearEarlierAttempt(fileId);
        PgCopy settlements = PgCopy.streaming(dataSource, AdjudicatedLine.TABLE, AdjudicatedLine.COLUMNS);
        PgCopy revisions = PgCopy.into(dataSource, AdjudicatedLine.REVISION_TABLE, AdjudicatedLine.REVISION_COLUMNS);
        PgCopy problems = PgCopy.into(dataSource, "intake_problem", DischargeColumns.PROBLEM);
        PgCopy movements = PgCopy.into(dataSource, "account_staging", DischargeAccounts.STAGING);
        DischargeAccounts accounts = new DischargeAccounts(fileId, period,
                DischargeAccounts.cancelledPeriods(jdbc, fileId), movements, problems);
        PostedMovements posted = new PostedMovements(dataSource, fileId);
        StepProgress progress = new StepProgress("loadDischarges", "rows loaded");
        long loaded = 0;
        int inStatement = 0;
        members.open(new ExecutionContext());
        posted.open();
        try {
            for (MemberRows member = members.read(); member != null; member = members.read()) {
                contribution.incrementReadCount();
                MemberAdjudicator.Result result = adjudicator.process(member);
                for (AdjudicatedLine line : result.lines()) {
                    line.copyInto(settlements, fileId, period);
                    progress.row();
                    loaded++;
                    inStatement++;
                }
                result.revisions().forEach(revision -> AdjudicatedLine.copyRevision(revisions, fileId, revision));
                for (Problem p : result.problems()) {
                    problems.row().number(fileId).number(p.line()).text(p.column()).text(p.value())
                            .text(p.reasonZh()).text(p.reasonEn()).text("adjudication").end();
                }
                accounts.member(member, posted.of(member.psnNo()), result);
                if (inStatement >= ROWS_PER_STATEMENT
                        || revisions.pendingChars() + problems.pendingChars() + movements.pendingChars() > BUFFER_CHARS) {
                    // One COPY at a time on the transaction's connection: the settlements' stream ends first.
                    settlements.flush();
                    inStatement = 0;
                    revisions.flush();
                    problems.flush();
                    movements.flush();
                }
            }
            settlements.flush();
            revisions.flush();
            problems.flush();
            movements.flush();
        } catch (RuntimeException | Error e) {
            settlements.cancel();
            throw e;
        } finally {
            posted.close();
            members.close();
        }
        FileLoad.Counts counts = fileLoad.finish(fileId, loaded);
        contribution.incrementWriteCount(counts.loaded());
        return RepeatStatus.FINISHED;
    }
}
