package io.medsettle.bench;

import io.medsettle.app.DatabaseConnection;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * What autovacuum would have done to tables a benchmark has just filled: their visibility maps set and
 * their statistics gathered, so that the timed statements get the plans they get in production, where
 * the tables fill month by month. Done as the tables' owner: {@code ANALYZE} as the application's role
 * only warns and skips the table.
 */
public final class BenchTables {

    private BenchTables() {
    }

    public static void vacuumAnalyze(DatabaseConnection database, List<String> tables) {
        DatabaseConnection.Login owner = database.migrationLogin();
        try (Connection c = DriverManager.getConnection(database.url(), owner.user(), owner.password());
             Statement statement = c.createStatement()) {
            for (String table : tables) {
                statement.execute("vacuum analyze " + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot analyze the benchmark's tables: " + e.getMessage(), e);
        }
    }
}
