package io.medsettle.cli;

import io.medsettle.runs.Refusal;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The command's input was rejected: the operator gets the reason and, where there is one, the
 * path of the report that lists every problem. Exit code 1.
 */
public class InputRejectedException extends RuntimeException {

    private final transient Path report;
    private final String chinese;

    public InputRejectedException(String message, Path report) {
        super(message);
        this.report = report;
        this.chinese = null;
    }

    public InputRejectedException(String message) {
        this(message, null);
    }

    /** A run the domain refused: the operator reads it in English and in Chinese. */
    public InputRejectedException(Refusal refusal) {
        super(refusal.getMessage(), refusal);
        this.report = null;
        this.chinese = refusal.chinese();
    }

    /** The rejection in Chinese, when it was said in Chinese too. */
    public Optional<String> chinese() {
        return Optional.ofNullable(chinese);
    }

    public Optional<Path> report() {
        return Optional.ofNullable(report);
    }
}
