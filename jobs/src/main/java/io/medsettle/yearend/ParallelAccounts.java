package io.medsettle.yearend;

import io.medsettle.accounts.MovementBuffer;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

import javax.sql.DataSource;

/**
 * Every account's movements read by several connections at once, one {@link MemberRange} each, each
 * account computed on its reader's thread and the results handed, one by one, to the caller's thread.
 *
 * <p>Why: one reader is one PostgreSQL process walking the sub-ledger in member order and one Java thread
 * computing behind it, and a million accounts of fifteen movements kept that pair busy for more than
 * twice what a parallel scan of the same movements takes. With a reader per range both sides work on
 * every core. The results come back to the caller's thread because that is where the transaction is:
 * the year-end writes them into a table of its transaction, over its connection.
 *
 * <p>All readers read what the caller's transaction sees ({@code pg_export_snapshot()}), so the ranges
 * add up to one consistent sub-ledger. A reader that fails stops the others and its failure is thrown
 * on the caller's thread as it was raised; so is a failure of the caller's own handler.
 */
final class ParallelAccounts {

    /** Results waiting for the caller: enough to keep the readers from waiting on a short pause. */
    private static final int WAITING = 8_192;

    private static final Object END = new Object();

    private record Computed<R>(String psnNo, R result) {
    }

    private record Failed(Throwable failure) {
    }

    private final DataSource dataSource;
    private final String snapshot;

    ParallelAccounts(DataSource dataSource, String snapshot) {
        this.dataSource = dataSource;
        this.snapshot = snapshot;
    }

    /**
     * Computes every account with a movement on or before {@code through}, the accounts of each range on a
     * thread of its own, and hands each result to {@code sink} on this thread (accounts of one range in
     * member order; the ranges interleaved). Returns the number of movements read.
     */
    <R> long forEachAccount(List<MemberRange> ranges, LocalDate through, BiFunction<String, MovementBuffer, R> compute,
                            BiConsumer<String, R> sink) throws SQLException {
        BlockingQueue<Object> results = new ArrayBlockingQueue<>(WAITING);
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService readers = Executors.newFixedThreadPool(ranges.size(), work -> {
            Thread thread = new Thread(work, "year-end-reader-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        long[] movements = new long[ranges.size()];
        try {
            for (int i = 0; i < ranges.size(); i++) {
                int reader = i;
                MemberRange range = ranges.get(i);
                readers.execute(() -> {
                    try {
                        Object last = END;
                        try {
                            movements[reader] = new MovementsCopy(dataSource, snapshot).forEachAccount(range, through, () -> { },
                                    (psnNo, account) -> put(results, stopped, new Computed<>(psnNo, compute.apply(psnNo, account))));
                        } catch (CancellationException stop) {
                            throw stop;
                        } catch (Throwable failure) {
                            last = new Failed(failure);
                        }
                        put(results, stopped, last);
                    } catch (CancellationException stop) {
                        // The caller has stopped taking results and throws its own failure.
                    }
                });
            }
            for (int ended = 0; ended < ranges.size(); ) {
                Object result = results.take();
                if (result == END) {
                    ended++;
                } else if (result instanceof Failed failed) {
                    throw rethrown(failed.failure());
                } else {
                    @SuppressWarnings("unchecked")
                    Computed<R> computed = (Computed<R>) result;
                    sink.accept(computed.psnNo(), computed.result());
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the accounts' movements", interrupted);
        } finally {
            // Not shutdownNow(): an interrupt inside the driver's cancelling of a COPY can leave the connection
            // half-way through the protocol, and it goes back to the pool so. The readers stop by the flag.
            stopped.set(true);
            readers.shutdown();
            awaitQuietly(readers);
        }
        long total = 0;
        for (long read : movements) {
            total += read;
        }
        return total;
    }

    /** Waits for room, giving up (and so ending the reader) once the caller has stopped taking results. */
    private static void put(BlockingQueue<Object> results, AtomicBoolean stopped, Object result) {
        try {
            while (!results.offer(result, 100, TimeUnit.MILLISECONDS)) {
                if (stopped.get()) {
                    throw new CancellationException("the year-end stopped reading");
                }
            }
        } catch (InterruptedException interrupted) {
            throw new CancellationException("the year-end stopped reading");
        }
    }

    private static SQLException rethrown(Throwable failure) {
        if (failure instanceof SQLException sql) {
            return sql;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(failure);
    }

    /**
     * The readers end at their next result once stopped, and each cancels its COPY on the way out; a few
     * seconds is more than that takes.
     */
    private static void awaitQuietly(ExecutorService readers) {
        try {
            readers.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The ranges' count for this machine: a reader per processor, at most four. */
    static int readersForThisMachine() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }
}
