package io.medsettle.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default database keeps its data under var/ between runs and stops cleanly. */
class EmbeddedDatabaseTest {

    @Test
    void dataSurvivesAStopAndAStartAndASecondProcessSharesTheRunningServer(@TempDir Path root) throws SQLException {
        MedsettleHome home = new MedsettleHome(root);
        try (EmbeddedDatabase first = EmbeddedDatabase.startOrAttach(home)) {
            sql(first, "create table kept (note text); insert into kept values ('still here')");
            // A second medsettle process on the same home connects to the running server.
            try (EmbeddedDatabase second = EmbeddedDatabase.startOrAttach(home)) {
                assertThat(second.url()).isEqualTo(first.url());
                assertThat(second.describe()).contains("shared");
            }
            assertThat(query(first, "select note from kept")).isEqualTo("still here");
        }
        assertThat(Files.exists(root.resolve("var/pg/data/postmaster.pid"))).as("stopped cleanly").isFalse();

        try (EmbeddedDatabase again = EmbeddedDatabase.startOrAttach(home)) {
            assertThat(query(again, "select note from kept")).isEqualTo("still here");
        }
    }

    private static void sql(DatabaseConnection db, String statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            c.createStatement().execute(statements);
        }
    }

    private static String query(DatabaseConnection db, String query) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             ResultSet rs = c.createStatement().executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
