package io.medsettle.cli;

import io.medsettle.app.Application;

import picocli.CommandLine.Option;

/**
 * The options of every command that needs the database: where it is, and which policy profile.
 *
 * <p>How the application is then started is the {@link Starter}'s: a command of its own starts one
 * ({@link Application#start}); a command that {@code serve} runs for the launcher gets serve's
 * running one (io.medsettle.cli.forward), once serve has checked that these options name its own
 * database and profile.
 */
public class ApplicationOptions {

    /** Gives a command the application it runs on, for the settings its options chose. */
    @FunctionalInterface
    public interface Starter {
        Application start(Application.Settings settings);
    }

    private final Starter starter;

    /** The options of a command that starts its own application: what picocli makes by default. */
    public ApplicationOptions() {
        this(Application::start);
    }

    public ApplicationOptions(Starter starter) {
        this.starter = starter;
    }

    @Option(names = "--db-url", paramLabel = "JDBC_URL", defaultValue = "${env:MEDSETTLE_DB_URL}",
            description = "PostgreSQL server to use, e.g. jdbc:postgresql://db:5432/medsettle "
                    + "(env MEDSETTLE_DB_URL). Without it, the embedded server under var/pg is used.")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER", defaultValue = "${env:MEDSETTLE_DB_USER}",
            description = "User for --db-url (env MEDSETTLE_DB_USER).")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "PASSWORD", defaultValue = "${env:MEDSETTLE_DB_PASSWORD}",
            description = "Password for --db-url (env MEDSETTLE_DB_PASSWORD).")
    String dbPassword;

    @Option(names = "--db-owner-user", paramLabel = "USER", defaultValue = "${env:MEDSETTLE_DB_OWNER_USER}",
            description = "Role that owns the schema on --db-url and applies the migrations (env MEDSETTLE_DB_OWNER_USER); "
                    + "--db-user then only gets the grants it needs. Without it, --db-user owns the schema.")
    String dbOwnerUser;

    @Option(names = "--db-owner-password", paramLabel = "PASSWORD", defaultValue = "${env:MEDSETTLE_DB_OWNER_PASSWORD}",
            description = "Password for --db-owner-user (env MEDSETTLE_DB_OWNER_PASSWORD).")
    String dbOwnerPassword;

    @Option(names = "--profile", paramLabel = "ID", defaultValue = "${env:MEDSETTLE_PROFILE}",
            description = "Policy profile under config/policies (env MEDSETTLE_PROFILE); "
                    + "default: medsettle.profile in config/application.yaml.")
    String profile;

    public String profile() {
        return profile;
    }

    /** What the options chose, as a command without a web server starts with them. */
    public Application.Settings settings() {
        return settings(profile, false);
    }

    public Application start() {
        return start(null);
    }

    /** Starts with the given profile unless --profile (or MEDSETTLE_PROFILE) chose one. */
    public Application start(String profileWhenNotGiven) {
        String chosen = profile == null || profile.isBlank() ? profileWhenNotGiven : profile;
        return starter.start(settings(chosen, false));
    }

    public Application startWeb() {
        return starter.start(settings(profile, true));
    }

    private Application.Settings settings(String chosenProfile, boolean web) {
        return new Application.Settings(dbUrl, dbUser, dbPassword, dbOwnerUser, dbOwnerPassword, chosenProfile, web);
    }
}
