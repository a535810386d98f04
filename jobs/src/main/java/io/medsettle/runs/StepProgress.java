package io.medsettle.runs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * What an operator sees while a long step runs: every {@link #EVERY} rows a line with the count
 * and the time so far ({@link #row()}), and, as a step listener, a line at the end of a step that
 * took a while. Short steps (a hospital's month of a few thousand rows) print nothing, so a run
 * over many small files is not flooded.
 *
 * <p>The lines go to the {@code medsettle.progress} logger, which {@code logback.xml} sends to the
 * console as well as to the log file. Elapsed times come from {@link System#nanoTime()}: they
 * measure, they are not dates.
 */
public final class StepProgress implements StepExecutionListener {

    private static final Logger PROGRESS = LoggerFactory.getLogger("medsettle.progress");

    /** Rows between two progress lines. */
    public static final long EVERY = 100_000;

    /** Steps shorter than this end without a line. */
    private static final long QUIET_NANOS = 2_000_000_000L;

    private final String step;
    private final String counted;
    private long started = System.nanoTime();
    private long rows;

    /**
     * @param step    the step's name, for the lines
     * @param counted what {@link #row()} counts, e.g. "rows read"
     */
    public StepProgress(String step, String counted) {
        this.step = step;
        this.counted = counted;
    }

    /** Counts one row; every {@link #EVERY} rows, a line. */
    public void row() {
        rows++;
        if (rows % EVERY == 0) {
            PROGRESS.info("  {}: {} {} ({} s)", step, String.format("%,d", rows), counted, seconds(System.nanoTime() - started));
        }
    }

    /**
     * Says that a stretch of the step without rows to count is over (a sort before the first row, say),
     * with the time so far; said only once the step has taken a while, like the line at its end, so that
     * the rows' lines that follow, which count from the step's start too, do not hide it.
     */
    public void milestone(String what) {
        long elapsed = System.nanoTime() - started;
        if (elapsed >= QUIET_NANOS) {
            PROGRESS.info("  {}: {} ({} s)", step, what, seconds(elapsed));
        }
    }

    @Override
    public void beforeStep(StepExecution execution) {
        started = System.nanoTime();
        rows = 0;
    }

    @Override
    public ExitStatus afterStep(StepExecution execution) {
        long elapsed = System.nanoTime() - started;
        if (elapsed >= QUIET_NANOS) {
            PROGRESS.info("  {}: {} in {} s (read {}, written {})", execution.getStepName(), execution.getStatus(),
                    seconds(elapsed), String.format("%,d", execution.getReadCount()),
                    String.format("%,d", execution.getWriteCount()));
        }
        return execution.getExitStatus();
    }

    private static String seconds(long nanos) {
        return String.format("%.1f", nanos / 1e9);
    }
}
