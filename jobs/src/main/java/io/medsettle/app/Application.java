package io.medsettle.app;

import io.medsettle.MedsettleApplication;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A running medsettle: the database and the Spring context on it. Commands start one, use its
 * beans and close it, which stops the context first and the embedded server last; a command that
 * {@code serve} runs for the launcher gets serve's own, {@linkplain #attached attached}, which it
 * does not stop.
 */
public final class Application implements AutoCloseable {

    /**
     * What only {@code serve} uses, left out of every other command: Quartz runs the schedule; the
     * console alone renders templates (Thymeleaf) and translated texts (the message source), writes
     * JSON (Jackson, the HTTP message converters), logs users in (Spring Security's servlet and
     * user-details configurations; a command that hashes a password does it without them) and
     * schedules its own tasks. Each of them costs a command its configuration classes' parsing and
     * conditions even when no bean of theirs is ever made (docs/benchmarks.md, "Commands that answer
     * at once").
     */
    private static final List<String> SERVE_ONLY = List.of(
            "org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration",
            "org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration",
            "org.springframework.boot.autoconfigure.context.MessageSourceAutoConfiguration",
            "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
            "org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration");

    private final ConfigurableApplicationContext context;
    private final DatabaseConnection database;
    /** Whether {@link #close()} stops the context and the database: not for an attached one. */
    private final boolean owned;

    private Application(ConfigurableApplicationContext context, DatabaseConnection database, boolean owned) {
        this.context = context;
        this.database = database;
        this.owned = owned;
    }

    /**
     * An application that runs already (serve's context and database), for a command that runs in
     * it: a {@link #close()} that leaves both running, since they are not the command's to stop.
     */
    public static Application attached(ConfigurableApplicationContext context, DatabaseConnection database) {
        return new Application(context, database, false);
    }

    /**
     * How to start: the command line's database and profile choices. The owner's login, when
     * given, runs the migrations; the application itself always connects as {@code dbUser}.
     */
    public record Settings(String dbUrl, String dbUser, String dbPassword, String dbOwnerUser, String dbOwnerPassword,
                           String profile, boolean web) {

        /**
         * Whether these settings name the same database, logins and policy profile as the other's,
         * an option left blank being the same as one not given: a command may then run on an
         * application started with the other settings.
         */
        public boolean sameDatabaseAndProfile(Settings other) {
            return same(dbUrl, other.dbUrl) && same(dbUser, other.dbUser) && same(dbPassword, other.dbPassword)
                    && same(dbOwnerUser, other.dbOwnerUser) && same(dbOwnerPassword, other.dbOwnerPassword)
                    && same(profile, other.profile);
        }

        private static boolean same(String one, String other) {
            return Objects.equals(blankAsNull(one), blankAsNull(other));
        }

        private static String blankAsNull(String value) {
            return value == null || value.isBlank() ? null : value;
        }
    }

    public static Application start(Settings settings) {
        long started = System.nanoTime();
        MedsettleHome home = MedsettleHome.current();
        DatabaseConnection database = settings.dbUrl() == null || settings.dbUrl().isBlank()
                ? EmbeddedDatabase.startOrAttach(home)
                : DatabaseConnection.external(settings.dbUrl(), settings.dbUser(), settings.dbPassword(),
                        settings.dbOwnerUser(), settings.dbOwnerPassword());
        long reached = System.nanoTime();
        try {
            checkReachable(database, database.user(), database.password());
            database.owner().ifPresent(owner -> checkReachable(database, owner.user(), owner.password()));
            List<String> args = new ArrayList<>(List.of(
                    "--spring.datasource.url=" + database.url(),
                    "--spring.datasource.username=" + database.user(),
                    "--spring.datasource.password=" + database.password(),
                    "--spring.config.additional-location=optional:file:" + home.config() + "/",
                    "--medsettle.home=" + home.root()));
            database.owner().ifPresent(owner -> args.addAll(List.of(
                    "--spring.flyway.user=" + owner.user(),
                    "--spring.flyway.password=" + owner.password())));
            if (settings.profile() != null && !settings.profile().isBlank()) {
                args.add("--medsettle.profile=" + settings.profile());
            }
            SpringApplication app = new SpringApplication(MedsettleApplication.class);
            app.setBannerMode(Banner.Mode.OFF);
            app.setLogStartupInfo(false);
            app.setWebApplicationType(settings.web() ? WebApplicationType.SERVLET : WebApplicationType.NONE);
            if (!settings.web()) {
                // A command is a JVM of its own that uses a handful of the context's beans: the
                // others (the console's, the jobs of other commands) are made only if asked for,
                // and what only serve uses is left out (docs/benchmarks.md, "Commands that answer
                // at once"). The connection pool opens connections as they are asked for rather
                // than ten at once: each is a login (SCRAM) and a server process that a short
                // command would pay for on the second core and mostly never use. Default
                // properties: a deployment's own settings of these keys still win.
                app.setDefaultProperties(Map.of(
                        "spring.main.lazy-initialization", "true",
                        "spring.autoconfigure.exclude", String.join(",", SERVE_ONLY),
                        "spring.datasource.hikari.minimum-idle", "1"));
            }
            StartupReport report = StartupReport.requested();
            report.attach(app);
            ConfigurableApplicationContext context = app.run(args.toArray(String[]::new));
            report.print(started, reached);
            return new Application(context, database, true);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Fails with a sentence an operator understands, before Spring wraps the cause in layers. */
    private static void checkReachable(DatabaseConnection database, String user, String password) {
        try (Connection ignored = DriverManager.getConnection(database.url(), user, password)) {
            // Reachable.
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to the database (" + database.describe() + ") as "
                    + user + ": " + e.getMessage(), e);
        }
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public DatabaseConnection database() {
        return database;
    }

    @Override
    public void close() {
        if (!owned) {
            return;
        }
        try {
            context.close();
        } finally {
            database.close();
        }
    }
}
