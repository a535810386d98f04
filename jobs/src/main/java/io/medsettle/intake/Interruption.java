package io.medsettle.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.Set;

import org.springframework.dao.TransientDataAccessException;

/**
 * Tells an interruption that running the intake again can mend from a failure that would only
 * repeat. Mendable: the connection to the database was lost or refused (SQLSTATE class 08), the
 * server was shut down or the statement cancelled (57), it ran out of resources (53), a lock or a
 * serialization conflict (40, 55P03), and the file could not be read for a moment. Anything else
 * (a bug, data the checks let through) fails again the same way.
 */
final class Interruption {

    private static final Set<String> TRANSIENT_CLASSES = Set.of("08", "40", "53", "57");

    private Interruption() {
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof IOException || t instanceof UncheckedIOException) {
                return true;
            }
            if (t instanceof SQLException e && e.getSQLState() != null
                    && (TRANSIENT_CLASSES.contains(e.getSQLState().substring(0, 2)) || "55P03".equals(e.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** The innermost message: Spring and JDBC wrap the real cause in layers. */
    static String reason(Throwable failure) {
        String reason = failure.getClass().getSimpleName();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                reason = t.getMessage().lines().findFirst().orElse(reason);
            }
        }
        return reason;
    }
}
