package io.medsettle.support;

import io.medsettle.testdb.PostgresTestDatabase;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * medsettle commands in JVMs of their own, for tests that kill one for real (SIGKILL: no shutdown
 * hooks, no finally blocks), on the same classes as the test (Surefire's classpath).
 */
public final class MedsettleProcess {

    private final Path home;

    public MedsettleProcess(Path home) {
        this.home = home;
    }

    /** Starts the command on the given database; its output goes to a log file under the home. */
    public Process start(PostgresTestDatabase.Database db, String... args) throws Exception {
        List<String> command = javaCommand();
        command.addAll(List.of(args));
        command.addAll(DatabaseOptions.of(db));
        return start(command);
    }

    /**
     * Starts the command on the home's embedded database, as the launcher does without database
     * options; its output goes to the given file.
     */
    public Process startEmbedded(Path output, String... args) throws Exception {
        List<String> command = javaCommand();
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
    }

    private List<String> javaCommand() {
        return new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "-Dmedsettle.home=" + home, "-Dmedsettle.policies-dir=" + Path.of("../config/policies").toAbsolutePath().normalize(),
                "io.medsettle.Medsettle"));
    }

    private Process start(List<String> command) throws Exception {
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve("child-" + System.nanoTime() + ".log").toFile()).start();
    }

    /**
     * A count from the database; 0 while the child's Flyway has not built the table yet. As the
     * owner: the application's role may read a table only once the migrations have granted it.
     */
    public static long count(PostgresTestDatabase.Database db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), db.ownerUser(), db.ownerPassword());
             ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return 0;
            }
            throw e;
        }
    }
}
