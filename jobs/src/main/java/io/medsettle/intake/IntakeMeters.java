package io.medsettle.intake;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The intake's counters for the agency's monitoring (docs/console.md, "Operations"): files taken in
 * by outcome, and rows loaded and rejected. Prometheus shows them as {@code medsettle_intake_files_total}
 * and {@code medsettle_intake_rows_total}. They count what this process took in since it started
 * (the console's uploads and the nightly inbox, in {@code serve}); the files themselves, whoever took
 * them in, are in {@code intake_file}.
 */
final class IntakeMeters {

    static final String FILES = "medsettle.intake.files";
    static final String ROWS = "medsettle.intake.rows";

    /** An intake that was stopped and waits to be run again: not an outcome of the file, but worth an alert. */
    static final String INTERRUPTED = "interrupted";

    private final MeterRegistry registry;
    private final Counter rowsLoaded;
    private final Counter rowsRejected;

    IntakeMeters(MeterRegistry registry) {
        this.registry = registry;
        this.rowsLoaded = rows(registry, "loaded");
        this.rowsRejected = rows(registry, "rejected");
        // Every outcome from the start, at zero, so that a rate or an alert on one has a series to read
        // before the first file of that outcome comes.
        for (DischargeIntake.Result result : DischargeIntake.Result.values()) {
            files(name(result));
        }
        files(INTERRUPTED);
    }

    /** One file's end: its outcome, and for a loaded file its rows (a file rejected whole loads none). */
    void taken(DischargeIntake.Outcome outcome) {
        files(name(outcome.result())).increment();
        if (outcome.result() == DischargeIntake.Result.LOADED) {
            rowsLoaded.increment(outcome.rowsLoaded());
            rowsRejected.increment(outcome.rowsRejected());
        }
    }

    void interrupted() {
        files(INTERRUPTED).increment();
    }

    private Counter files(String outcome) {
        return Counter.builder(FILES).description("Discharge files taken in, by outcome").tag("outcome", outcome)
                .register(registry);
    }

    private static Counter rows(MeterRegistry registry, String outcome) {
        return Counter.builder(ROWS).description("Rows of discharge files loaded or rejected (rows of loaded files)")
                .tag("outcome", outcome).register(registry);
    }

    private static String name(DischargeIntake.Result result) {
        return result.name().toLowerCase(Locale.ROOT);
    }
}
