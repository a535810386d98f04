package io.medsettle.cli.forward;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The environment variables that can change what a command does, and so are sent with it: a
 * command of its own reads them, serve has its own.
 *
 * <p>{@code MEDSETTLE_*} (the database options' variables and, through Spring's relaxed binding,
 * any {@code medsettle.*} setting), {@code SPRING_*} (any other setting), the locale ({@code LANG},
 * {@code LC_*}: how numbers are printed), {@code TZ}, and the JVM's own option variables. The
 * launcher's own variables are left out: they choose how a JVM is started, which a forwarded
 * command does not do.
 */
final class ForwardedEnvironment {

    /**
     * The variables behind the database and profile options ({@code ApplicationOptions}'s {@code
     * ${env:...}} defaults): serve compares the options' values, not the variables, so that
     * {@code --db-url} and {@code MEDSETTLE_DB_URL} naming serve's database are the same.
     */
    static final Set<String> OPTION_DEFAULTS = Set.of("MEDSETTLE_DB_URL", "MEDSETTLE_DB_USER", "MEDSETTLE_DB_PASSWORD",
            "MEDSETTLE_DB_OWNER_USER", "MEDSETTLE_DB_OWNER_PASSWORD", "MEDSETTLE_PROFILE");

    /** The launcher's: how to start a JVM, and whether to forward at all. */
    private static final Set<String> LAUNCHER_ONLY = Set.of("MEDSETTLE_JAVA_OPTS", "MEDSETTLE_NO_FORWARD");

    private ForwardedEnvironment() {
    }

    static boolean relevant(String name) {
        return name.startsWith("MEDSETTLE_") ? !LAUNCHER_ONLY.contains(name)
                : name.startsWith("SPRING_") || name.startsWith("LC_") || name.equals("LANG") || name.equals("TZ")
                        || name.equals("JAVA_TOOL_OPTIONS") || name.equals("JDK_JAVA_OPTIONS");
    }

    /** The relevant variables of an environment, sorted by name. */
    static Map<String, String> of(Map<String, String> environment) {
        Map<String, String> relevant = new TreeMap<>();
        // A loop, not a lambda: the client's first lambda would cost it milliseconds of bootstrap.
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            if (relevant(variable.getKey())) {
                relevant.put(variable.getKey(), variable.getValue());
            }
        }
        return relevant;
    }

    /** The relevant variables but those of the database and profile options, which are compared as options. */
    static Map<String, String> settings(Map<String, String> environment) {
        Map<String, String> settings = of(environment);
        settings.keySet().removeAll(OPTION_DEFAULTS);
        return settings;
    }
}
