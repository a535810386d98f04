package io.medsettle.cli;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The command's input was rejected: the operator gets the reason and, where there is one, the
 * path of the report that lists every problem. Exit code 1.
 */
public class InputRejectedException extends RuntimeException {

    private final transient Path report;

    public InputRejectedException(String message, Path report) {
        super(message);
        this.report = report;
    }

    public InputRejectedException(String message) {
        this(message, null);
    }

    public Optional<Path> report() {
        return Optional.ofNullable(report);
    }
}
