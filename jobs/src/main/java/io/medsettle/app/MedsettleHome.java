package io.medsettle.app;

import java.nio.file.Path;

/**
 * The installation's root directory: the launcher passes it as {@code -Dmedsettle.home}; without
 * it, the current directory. Everything medsettle writes lives below it: {@code var/} (embedded
 * database, logs, inboxes) and {@code out/} (statements).
 */
public record MedsettleHome(Path root) {

    public static MedsettleHome current() {
        String home = System.getProperty("medsettle.home");
        return new MedsettleHome(Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize());
    }

    public Path var() {
        return root.resolve("var");
    }

    public Path config() {
        return root.resolve("config");
    }

    public Path out() {
        return root.resolve("out");
    }

    public Path logs() {
        return var().resolve("log");
    }
}
