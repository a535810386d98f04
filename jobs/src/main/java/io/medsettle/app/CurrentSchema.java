package io.medsettle.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.web.context.ConfigurableWebEnvironment;

/**
 * Flyway's migrations and {@code afterMigrate.sql}, skipped by a command when running them would
 * change nothing (docs/benchmarks.md, "Commands that answer at once").
 *
 * <p>After every complete run (the migrations, then {@code afterMigrate.sql}'s grants) this records
 * in {@code medsettle_schema_state}, as the schema's owner, a fingerprint of what was run (every
 * file under Flyway's locations, the placeholders, the history table, Flyway's version) and the
 * catalogue's digest as the script left it ({@code medsettle_schema_digest()}, defined in that
 * script). A command whose jar has the same fingerprint, on a database whose digest is still the
 * recorded one, has nothing to migrate, validate or grant: it skips Flyway, at the cost of one
 * query. Anything else runs Flyway as always: a new or changed migration or script (a new jar), a
 * grant, routine or membership changed by hand, a repaired history, a database without the record
 * (older, restored, or another one), a location outside the classpath, or any error in the check.
 * {@code serve} always runs Flyway, so that a long-running server starts from a full check.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class CurrentSchema {

    private static final Logger log = LoggerFactory.getLogger(CurrentSchema.class);

    /** Read from the classpath so that another Flyway, which may validate or migrate differently, counts as a change. */
    private static final String FLYWAY_VERSION = "org/flywaydb/core/internal/version.txt";

    @Bean
    FlywayMigrationStrategy migrateUnlessCurrent(ObjectProvider<DataSource> dataSource,
                                                 Environment environment) {
        // Only serve is a web application (Application#start); tests that start no web server count as commands.
        boolean serve = environment instanceof ConfigurableWebEnvironment;
        return flyway -> {
            Optional<String> fingerprint = fingerprint(flyway.getConfiguration());
            if (!serve && fingerprint.isPresent() && isCurrent(dataSource.getObject(), fingerprint.get())) {
                log.info("schema current (migrations {}); Flyway skipped", fingerprint.get().substring(0, 12));
                return;
            }
            flyway.migrate();
            fingerprint.ifPresent(f -> record(flyway, f));
        };
    }

    /**
     * What a run of Flyway depends on, as a hex SHA-256; empty when it cannot be told from the
     * classpath alone (a location on the file system or with wildcards), so that Flyway always runs.
     */
    static Optional<String> fingerprint(Configuration configuration) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(configuration.getClassLoader());
            for (Location location : configuration.getLocations()) {
                if (!location.isClassPath() || !location.getPath().equals(location.getRootPath())) {
                    return Optional.empty();
                }
                Map<String, Resource> files = new TreeMap<>();
                String root = location.getRootPath().replaceAll("/+$", "");
                for (Resource resource : resolver.getResources("classpath*:" + root + "/**/*")) {
                    String url = resource.getURL().toString();
                    int at = url.lastIndexOf(root + "/");
                    if (!url.endsWith("/") && at >= 0 && resource.isReadable()) {
                        // Relative to the location, so that the installation's own path does not count.
                        files.put(url.substring(at), resource);
                    }
                }
                for (Map.Entry<String, Resource> file : files.entrySet()) {
                    update(sha, "file " + file.getKey());
                    try (InputStream in = file.getValue().getInputStream()) {
                        sha.update(in.readAllBytes());
                    }
                }
            }
            new TreeMap<>(configuration.getPlaceholders()).forEach((k, v) -> update(sha, "placeholder " + k + "=" + v));
            update(sha, "table " + configuration.getTable() + " " + configuration.getDefaultSchema() + " "
                    + Arrays.toString(configuration.getSchemas()) + " " + configuration.getEncoding());
            try (InputStream version = Flyway.class.getClassLoader().getResourceAsStream(FLYWAY_VERSION)) {
                update(sha, "flyway " + (version == null ? "unknown" : new String(version.readAllBytes(), StandardCharsets.UTF_8)));
            }
            return Optional.of(HexFormat.of().formatHex(sha.digest()));
        } catch (IOException | NoSuchAlgorithmException e) {
            log.debug("no fingerprint of the migrations; Flyway runs", e);
            return Optional.empty();
        }
    }

    private static void update(MessageDigest sha, String text) {
        sha.update(text.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }

    /** Whether the recorded run had this fingerprint and the catalogue is as it left it; any error says no. */
    static boolean isCurrent(DataSource dataSource, String fingerprint) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "select migrations = ? and catalogue = medsettle_schema_digest() from medsettle_schema_state")) {
            s.setString(1, fingerprint);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        } catch (SQLException | RuntimeException e) {
            // A database from before the record (no such table) or one we cannot read: Flyway decides.
            log.debug("schema state not readable; Flyway runs", e);
            return false;
        }
    }

    /** After a complete run, as the role that ran it (the schema's owner): the application's role may only read the record. */
    private static void record(Flyway flyway, String fingerprint) {
        try (Connection c = flyway.getConfiguration().getDataSource().getConnection();
             PreparedStatement s = c.prepareStatement("""
                     insert into medsettle_schema_state (migrations, catalogue) values (?, medsettle_schema_digest())
                     on conflict (only_row) do update set migrations = excluded.migrations, catalogue = excluded.catalogue""")) {
            s.setString(1, fingerprint);
            s.executeUpdate();
        } catch (SQLException e) {
            // Nothing is wrong with the schema; the next command runs Flyway again and records then.
            log.warn("could not record the schema's state (the next command runs the migrations again): {}", e.getMessage());
        }
    }
}
