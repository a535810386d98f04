package io.medsettle.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The default database: a real PostgreSQL server, from the binaries on the classpath, whose data
 * stays in {@code var/pg/data} between runs.
 *
 * <p>Only one process can own the server. When another medsettle process (say, {@code serve})
 * already runs it, this one connects to that server instead of starting a second one.
 */
final class EmbeddedDatabase implements DatabaseConnection {

    private static final String DATABASE = "postgres";
    private static final String USER = "postgres";

    private final EmbeddedPostgres server;
    private final int port;

    private EmbeddedDatabase(EmbeddedPostgres server, int port) {
        this.server = server;
        this.port = port;
    }

    static EmbeddedDatabase startOrAttach(MedsettleHome home) {
        Path pg = home.var().resolve("pg");
        Path data = pg.resolve("data");
        Integer running = runningServerPort(data);
        if (running != null) {
            return new EmbeddedDatabase(null, running);
        }
        try {
            Files.createDirectories(home.logs());
            Path log = home.logs().resolve("postgresql.log");
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(pg.resolve("runtime").toFile())
                    .setDataDirectory(data)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("checkpoint_timeout", "15min")
                    // The intake sorts and joins whole files: in memory, not in temporary files.
                    .setServerConfig("work_mem", "64MB")
                    .setServerConfig("maintenance_work_mem", "256MB")
                    // The embedded server keeps the fund's books: every commit reaches the disk
                    // (the library's defaults, fsync and synchronous_commit off, suit only tests).
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new EmbeddedDatabase(server, server.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL server in " + data
                    + " (see var/log/postgresql.log): " + e.getMessage(), e);
        }
    }

    /** The port of a server already running on this data directory, if it answers. */
    private static Integer runningServerPort(Path data) {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return null;
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            // postmaster.pid: pid, data directory, start time, port, ...
            int port = Integer.parseInt(lines.get(3).trim());
            try (Connection ignored = DriverManager.getConnection(jdbcUrl(port), USER, "")) {
                return port;
            }
        } catch (IOException | RuntimeException | SQLException e) {
            return null;
        }
    }

    private static String jdbcUrl(int port) {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    @Override
    public String url() {
        return jdbcUrl(port);
    }

    @Override
    public String user() {
        return USER;
    }

    @Override
    public String password() {
        return "";
    }

    @Override
    public Optional<Login> owner() {
        return Optional.empty();
    }

    @Override
    public String describe() {
        return "embedded PostgreSQL (var/pg, port " + port + (server == null ? ", shared with another process)" : ")");
    }

    @Override
    public void close() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                throw new UncheckedIOException("the embedded PostgreSQL server did not stop cleanly", e);
            }
        }
    }
}
