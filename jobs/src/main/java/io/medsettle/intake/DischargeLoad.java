package io.medsettle.intake;

import io.medsettle.accountbook.SpendingCopy;
import io.medsettle.app.PgCopy;
import io.medsettle.discharges.DischargeColumns;
import io.medsettle.files.Problem;
import io.medsettle.runs.StepProgress;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code loadDischarges} step, in one transaction: checks the staged rows against the reference
 * data ({@link ReferenceChecks}), reads the file's members one at a time, each
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
 *
 * <p>Why the reference checks are part of this step: the two cursors sort the whole file with the
 * members' settlements and movements before their first row, on connections of their own, and the
 * checks need nothing of them. Started first, they sort while the checks run in this transaction,
 * each on a core of its own, instead of one after the other (a step of its own, the checks came
 * first and the server's other core idled); the rows the checks set aside are then left out by
 * their lines as the members are read.
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
    private final ReferenceChecks checks;
    private final MemberAdjudicator adjudicator;
    private final FileLoad fileLoad;
    private final long fileId;
    private final String period;

    DischargeLoad(DataSource dataSource, JdbcClient jdbc, ReferenceChecks checks, MemberAdjudicator adjudicator,
                  FileLoad fileLoad, long fileId, String period) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.checks = checks;
        this.adjudicator = adjudicator;
        this.fileLoad = fileLoad;
        this.fileId = fileId;
        this.period = period;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        // Counts from the step's start: the sort before the first row is part of what the operator waits for.
        StepProgress progress = new StepProgress("loadDischarges", "rows loaded");
        MemberRowsReader members = new MemberRowsReader(dataSource, fileId);
        PostedMovements posted = new PostedMovements(dataSource, fileId);
        ExecutorService opener = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "loadDischarges-cursor");
            thread.setDaemon(true);
            return thread;
        });
        List<Future<?>> opening = List.of(opener.submit(() -> members.open(new ExecutionContext())),
                opener.submit(posted::open));
        opener.shutdown();
        long loaded;
        SpendingCopy movements;
        try {
            fileLoad.clearEarlierAttempt(fileId);
            members.setAside(checks.check(fileId));
            movements = fileLoad.spendingCopy();
            for (Future<?> cursor : opening) {
                awaitOpened(cursor);
            }
            progress.milestone("rows checked against the reference data and sorted by member");
            loaded = stream(contribution, members, posted, movements, progress);
        } finally {
            // A cursor still opening when the checks failed is waited for: closed under it, its
            // connection could go back to the pool with its query still running.
            opening.forEach(DischargeLoad::awaitQuietly);
            posted.close();
            members.close();
        }
        // Only after the cursors' transactions ended: the end of the load empties the staging table,
        // and a TRUNCATE would wait for ever on a cursor of this same thread still reading it.
        FileLoad.Counts counts = fileLoad.finish(fileId, loaded, movements);
        contribution.incrementWriteCount(counts.loaded());
        return RepeatStatus.FINISHED;
    }

    /** Adjudicates the members and streams their settlements; returns how many rows were loaded. */
    private long stream(StepContribution contribution, MemberRowsReader members, PostedMovements posted,
                        SpendingCopy movements, StepProgress progress) {
        PgCopy settlements = PgCopy.streaming(dataSource, AdjudicatedLine.TABLE, AdjudicatedLine.COLUMNS);
        PgCopy revisions = PgCopy.into(dataSource, AdjudicatedLine.REVISION_TABLE, AdjudicatedLine.REVISION_COLUMNS);
        PgCopy problems = PgCopy.into(dataSource, "intake_problem", DischargeColumns.PROBLEM);
        DischargeAccounts accounts = new DischargeAccounts(fileId, period,
                DischargeAccounts.cancelledPeriods(jdbc, fileId), movements, problems);
        long loaded = 0;
        int inStatement = 0;
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
        }
        return loaded;
    }

    /** Waits for a cursor's query to return its first rows; its failure is the step's. */
    private static void awaitOpened(Future<?> cursor) {
        try {
            cursor.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error failure) {
                throw failure;
            }
            throw new IllegalStateException("cannot open a cursor of the load: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the load's cursors were opening", e);
        }
    }

    private static void awaitQuietly(Future<?> cursor) {
        try {
            cursor.get();
        } catch (ExecutionException ignored) {
            // Reported by awaitOpened, or the step is failing for another reason already.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
