package io.medsettle.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.cli.MedsettleCommand;
import io.medsettle.testdb.PostgresTestDatabase;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** The demo, run as an operator runs it, against a real PostgreSQL given with --db-url. */
class DemoCommandTest {

    @Test
    void migratesAnEmptyDatabasePostsTheTourOnceAndPrintsABalancedTrialBalance() throws SQLException {
        PostgresTestDatabase.Database db = PostgresTestDatabase.emptyDatabase();
        String[] args = {"demo", "--db-url", db.url(), "--db-user", db.user(), "--db-password", db.password()};

        StringWriter first = new StringWriter();
        assertThat(execute(first, args)).isZero();
        StringWriter second = new StringWriter();
        assertThat(execute(second, args)).isZero();

        assertThat(first.toString())
                .contains("Trial balance as of 2025-01-31")
                .contains("2203.H0001")
                .contains("冲销: 误记 H0003")
                .contains("The trial balance balances (借贷平衡).");
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             ResultSet rs = c.createStatement().executeQuery("""
                     select count(*), count(reverses_entry_id), (select sum(amount) from posting)
                       from journal_entry"""))  {
            rs.next();
            assertThat(rs.getInt(1)).as("entries after two runs").isEqualTo(6);
            assertThat(rs.getInt(2)).as("reversals").isEqualTo(1);
            assertThat(rs.getBigDecimal(3)).isZero();
        }
    }

    private static int execute(StringWriter out, String... args) {
        CommandLine commandLine = MedsettleCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        return commandLine.execute(args);
    }
}
