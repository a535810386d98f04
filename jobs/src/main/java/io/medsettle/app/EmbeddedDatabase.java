package io.medsettle.app;

import static io.medsettle.app.EmbeddedSecrets.APPLICATION;
import static io.medsettle.app.EmbeddedSecrets.OWNER;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default database: a real PostgreSQL server, from the binaries on the classpath, whose data
 * stays in {@code var/pg/data} between runs.
 *
 * <p>Only one process can own the server. When another medsettle process (say, {@code serve})
 * already runs it, this one connects to that server instead of starting a second one. The owner is
 * recorded ({@link ServerOwner}); a server whose owner is gone (killed, so it could not stop its
 * server) is stopped by the next process, which starts its own.
 *
 * <p>Every connection authenticates with a password, over the loopback interface or a Unix socket
 * in {@code var/pg/run}; the passwords are in {@code var/pg/secrets.properties} ({@link
 * EmbeddedSecrets}). The application connects as {@value EmbeddedSecrets#APPLICATION}, the migrations
 * run as {@value EmbeddedSecrets#OWNER} ({@link EmbeddedRoles}).
 */
final class EmbeddedDatabase implements DatabaseConnection {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private static final String DATABASE = "postgres";

    /** A Unix socket's path, the socket's own name included, fits in 107 bytes (sun_path). */
    private static final int SOCKET_PATH_MAX = 107;

    private final EmbeddedPostgres server;
    private final int port;
    private final EmbeddedSecrets secrets;
    private final Path ownerFile;

    private EmbeddedDatabase(EmbeddedPostgres server, int port, EmbeddedSecrets secrets, Path ownerFile) {
        this.server = server;
        this.port = port;
        this.secrets = secrets;
        this.ownerFile = ownerFile;
    }

    /** Where the embedded server keeps its files: {@code var/pg}. */
    record Layout(Path pg) {

        Path data() {
            return pg.resolve("data");
        }

        Path secrets() {
            return pg.resolve("secrets.properties");
        }

        Path owner() {
            return pg.resolve("owner");
        }

        Path hba() {
            return pg.resolve("pg_hba.conf");
        }

        Path sockets() {
            return pg.resolve("run");
        }

        Path startLock() {
            return pg.resolve("start.lock");
        }
    }

    /**
     * Connects to the server another live medsettle process runs, or starts one. Processes of one
     * installation take turns here (a file lock), so that two of them starting together neither
     * start two servers nor stop each other's.
     */
    static synchronized EmbeddedDatabase startOrAttach(MedsettleHome home) {
        Layout files = new Layout(home.var().resolve("pg"));
        try {
            createPrivateDirectory(files.pg());
            Files.createDirectories(home.logs());
            Path serverLog = home.logs().resolve("postgresql.log");
            try (FileChannel channel = FileChannel.open(files.startLock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                Optional<Postmaster> running = Postmaster.running(files.data());
                if (running.isPresent()) {
                    Optional<ServerOwner> owner = ServerOwner.read(files.owner());
                    if (owner.isPresent() && owner.get().isAlive()) {
                        EmbeddedSecrets secrets = EmbeddedSecrets.load(files.secrets()).orElseThrow(() ->
                                new IllegalStateException("the embedded PostgreSQL server in " + files.data()
                                        + " runs without " + files.secrets() + "; stop medsettle process "
                                        + owner.get().pid() + " and start again"));
                        return new EmbeddedDatabase(null, running.get().port(), secrets, files.owner());
                    }
                    stopOrphan(running.get(), owner);
                }
                return start(files, serverLog);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL server in " + files.data()
                    + " (see var/log/postgresql.log): " + e.getMessage(), e);
        }
    }

    private static void stopOrphan(Postmaster orphan, Optional<ServerOwner> owner) {
        String message = "medsettle: stopping the embedded PostgreSQL server (pid " + orphan.process().pid()
                + ") left running by " + owner.map(o -> "medsettle process " + o.pid() + ", which is gone")
                        .orElse("a medsettle process that recorded no owner") + "; starting a new one";
        System.err.println(message);
        log.warn(message);
        orphan.stop();
    }

    private static EmbeddedDatabase start(Layout files, Path serverLog) throws IOException {
        Optional<EmbeddedSecrets> saved = EmbeddedSecrets.load(files.secrets());
        boolean initialized = Files.exists(files.data().resolve("postgresql.conf"));
        // A data directory without secrets was made before the roles (or its first start was cut
        // short): its superuser has no password we know, so it starts once with the superuser
        // trusted on the loopback interface, gets its roles, and starts again with passwords only.
        boolean upgrade = initialized && saved.isEmpty();
        EmbeddedSecrets secrets = saved.orElseGet(EmbeddedSecrets::generate);
        if (saved.isEmpty() && !upgrade) {
            // Saved before initdb, so that the superuser's password is never lost.
            secrets.save(files.secrets());
        }
        // Recorded before the server starts, so that no server of ours ever runs without an owner.
        ServerOwner.current().write(files.owner());
        EmbeddedPostgres server = launch(files, serverLog, secrets, initialized, upgrade);
        try {
            EmbeddedRoles.provision(jdbcUrl(server.getPort()), secrets);
            if (upgrade) {
                secrets.save(files.secrets());
                // The data directory's own file too, for a server started on it by hand.
                Files.writeString(files.data().resolve("pg_hba.conf"), hba(false));
                server.close();
                server = launch(files, serverLog, secrets, true, false);
                String message = "medsettle: the embedded database now asks every connection for a password; roles "
                        + OWNER + " (owns the schema) and " + APPLICATION + " (the application), passwords in "
                        + files.secrets();
                System.err.println(message);
                log.warn(message);
            }
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw new IllegalStateException("cannot set up the roles of the embedded PostgreSQL server: " + e.getMessage(), e);
        }
        return new EmbeddedDatabase(server, server.getPort(), secrets, files.owner());
    }

    private static EmbeddedPostgres launch(Layout files, Path serverLog, EmbeddedSecrets secrets, boolean initialized,
                                           boolean trustSuperuser) throws IOException {
        Files.writeString(files.hba(), hba(trustSuperuser));
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(files.pg().resolve("runtime").toFile())
                .setDataDirectory(files.data())
                .setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                // The library checks that the server is up by connecting as the superuser.
                .setConnectConfig("password", secrets.superuser())
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("hba_file", shellQuoted(files.hba().toString()))
                .setServerConfig("unix_socket_directories", shellQuoted(socketDirectory(files.sockets()).orElseGet(() -> {
                    log.warn("{} is too deep for a Unix socket path; the embedded server listens on localhost TCP only",
                            files.sockets());
                    return "";
                })))
                .setServerConfig("password_encryption", "scram-sha-256")
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
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(serverLog.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(serverLog.toFile()));
        if (initialized) {
            return builder.start();
        }
        // The library runs initdb with "-A trust -U postgres" and passes its locale settings to
        // initdb as --name=value options, after its own: these give the superuser its password and
        // make the data directory's own pg_hba.conf ask for passwords too.
        Path passwordFile = Files.createTempFile(files.pg(), ".initdb", ".tmp",
                PosixFilePermissions.asFileAttribute(EmbeddedSecrets.PRIVATE));
        try {
            Files.writeString(passwordFile, secrets.superuser() + "\n");
            return builder.setLocaleConfig("auth", "scram-sha-256")
                    .setLocaleConfig("pwfile", passwordFile.toString())
                    // The database's collation, the same on every machine. Otherwise initdb takes it from
                    // the environment: a home made under zh_CN.UTF-8 or en_US.UTF-8 would order text by
                    // the C library's rules for that language, differently from this machine's, and compare
                    // every text key of an index through them, dearer than comparing bytes. Text is ordered by
                    // code point instead, with PostgreSQL's own "builtin" provider, which compares bytes
                    // like "C" and still knows Unicode's letters; "C" for the C library's categories,
                    // which exists everywhere. Homes made before keep what they were made with.
                    .setLocaleConfig("encoding", "UTF8")
                    .setLocaleConfig("locale", "C")
                    .setLocaleConfig("locale-provider", "builtin")
                    .setLocaleConfig("builtin-locale", "C.UTF-8")
                    .start();
        } finally {
            Files.deleteIfExists(passwordFile);
        }
    }

    /**
     * Who may connect: everyone with a password (SCRAM), from this machine only. While an old data
     * directory is upgraded the superuser alone is trusted, and only from the loopback interface.
     */
    static String hba(boolean trustSuperuser) {
        String trust = trustSuperuser ? """
                host    postgres  postgres  127.0.0.1/32  trust
                host    postgres  postgres  ::1/128       trust
                """ : "";
        return "# medsettle's embedded PostgreSQL server: written by medsettle at every start.\n"
                + "# TYPE DATABASE  USER      ADDRESS       METHOD\n"
                + trust
                + """
                local   all       all                     scram-sha-256
                host    all       all       127.0.0.1/32  scram-sha-256
                host    all       all       ::1/128       scram-sha-256
                """;
    }

    /**
     * The directory for the server's Unix socket, if a socket in it has a path short enough for the
     * system. A checkout deep in the file system has none: the server then listens on TCP alone,
     * which is what medsettle itself uses.
     */
    static Optional<String> socketDirectory(Path directory) throws IOException {
        String path = directory.toAbsolutePath().toString();
        // The socket is <directory>/.s.PGSQL.<port>, with a port of up to five digits; a comma
        // would split the setting into two directories.
        if (path.getBytes(StandardCharsets.UTF_8).length + "/.s.PGSQL.65535".length() > SOCKET_PATH_MAX
                || path.contains(",") || path.contains("\"")) {
            return Optional.empty();
        }
        createPrivateDirectory(directory);
        return Optional.of(path);
    }

    /** The server's command line passes through a shell (pg_ctl): a path with spaces stays one word. */
    private static String shellQuoted(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private static void createPrivateDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory);
        }
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
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
        return APPLICATION;
    }

    @Override
    public String password() {
        return secrets.application();
    }

    @Override
    public Optional<Login> owner() {
        return Optional.of(new Login(OWNER, secrets.owner()));
    }

    /** The superuser's login, for maintenance and for tests. */
    Login superuser() {
        return new Login(EmbeddedSecrets.SUPERUSER, secrets.superuser());
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
                Files.deleteIfExists(ownerFile);
            } catch (IOException e) {
                throw new UncheckedIOException("the embedded PostgreSQL server did not stop cleanly", e);
            }
        }
    }
}
