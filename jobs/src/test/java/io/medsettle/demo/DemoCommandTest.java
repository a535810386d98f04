package io.medsettle.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.support.DatabaseOptions;
import io.medsettle.support.InProcessCommands;
import io.medsettle.testdb.PostgresTestDatabase;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo, run as an operator runs it (a smaller city, two months), against a real PostgreSQL
 * given with --db-url, twice: the second run loads and posts nothing.
 */
class DemoCommandTest {

    @Test
    void runsMonthsOfIntakeAndMonthEndOnceAndLeavesTheStatements(@TempDir Path home) throws Exception {
        Files.createSymbolicLink(home.resolve("config"), Path.of("../config").toAbsolutePath().normalize());
        PostgresTestDatabase.Database db = PostgresTestDatabase.emptyDatabase();
        String[] args = DatabaseOptions.with(db, "demo", "--months", "2", "--members", "2000", "--institutions", "5");
        InProcessCommands.withHome(home, () -> {
            StringWriter first = new StringWriter();
            assertThat(InProcessCommands.execute(first, args)).as(first.toString()).isZero();
            StringWriter second = new StringWriter();
            assertThat(InProcessCommands.execute(second, args)).as(second.toString()).isZero();

            assertThat(first.toString())
                    .contains("profile lianyungang-2000")
                    .contains("2025-01  accounts")
                    .contains("2025-02  accounts")
                    .containsPattern("(?s)2025-01  accounts.*pharmacy payments;  intake.*ledger 借贷平衡"
                            + ".*2025-02  accounts.*pharmacy payments;  intake.*ledger 借贷平衡")
                    .containsPattern("个人账户基金 \\(individual accounts fund\\): [0-9,]+\\.[0-9]{2} in [0-9,]+ members' accounts; "
                            + "agrees with the ledger")
                    .contains("The trial balance balances (借贷平衡).")
                    .containsPattern("demo-accountant2 +accountant +\\S{16}")
                    .contains("./medsettle serve");
            assertThat(second.toString()).contains("(approved before)");
            try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
                 ResultSet rs = c.createStatement().executeQuery("""
                         select (select count(*) from month_end_run where status = 'APPROVED'),
                                (select count(*) from intake_file where status = 'LOADED'),
                                (select count(*) from journal_entry where idempotency_key like 'month-end:%:payment'),
                                (select sum(amount) from posting)""")) {
                rs.next();
                assertThat(rs.getInt(1)).as("approved months after two runs").isEqualTo(2);
                assertThat(rs.getInt(2)).as("files loaded once").isEqualTo(10);
                assertThat(rs.getInt(3)).as("payment entries: at most one per institution (five hospitals, the pharmacy) and month")
                        .isBetween(1, 12);
                assertThat(rs.getBigDecimal(4)).isZero();
            }
            StringWriter again = new StringWriter();
            assertThat(InProcessCommands.execute(again, DatabaseOptions.with(db, "month-end", "--period", "2025-01", "--approve")))
                    .as("approving a closed period is refused as input").isEqualTo(1);
            assertThat(again.toString()).contains("2025-01 was approved before").doesNotContain("Exception")
                    .as("and in Chinese, on a line of its own").contains("month-end: 2025-01 的月结已于");
            assertThat(InProcessCommands.execute(new StringWriter(), "month-end", "--period", "2025-13")).as("usage").isEqualTo(2);
            for (String month : new String[] {"2025-01", "2025-02"}) {
                assertThat(home.resolve("out/" + month + "/fund-summary-" + month + ".xlsx")).exists();
                assertThat(home.resolve("out/" + month + "/settlement-" + month + ".csv")).exists();
                assertThat(home.resolve("out/" + month + "/payment-order-" + month + ".csv")).exists();
            }
        });
    }
}
