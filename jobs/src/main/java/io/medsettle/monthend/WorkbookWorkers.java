package io.medsettle.monthend;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a chunk's workbooks side by side, one per processor (at most four). Writing a workbook is
 * Java's work (POI builds and zips it) while the database answers its one query quickly, so a month
 * of two thousand institutions' workbooks kept one core busy and left the other idle. Each workbook
 * is written on a thread of its own in a read-only transaction of its own, so that its discharges
 * are read through a cursor (a query outside a transaction would load them all at once); what it
 * reads was committed by the step that settled the run. The chunk ends when every workbook is
 * written; the first failure fails it, as a failure of the one thread did.
 */
final class WorkbookWorkers {

    static final int WORKERS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private final TransactionTemplate readOnly;

    WorkbookWorkers(PlatformTransactionManager transactionManager) {
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
    }

    <T> void writeEach(List<T> items, Consumer<T> write) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(WORKERS, items.size())), task -> {
            Thread thread = new Thread(task, "statements-" + System.identityHashCode(task));
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> written = new ArrayList<>();
            for (T item : items) {
                written.add(pool.submit(() -> readOnly.executeWithoutResult(status -> write.accept(item))));
            }
            for (Future<?> workbook : written) {
                workbook.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the institutions' statements", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
