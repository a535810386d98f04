package io.medsettle.ledger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medsettle.testdb.PostgresTestDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The journal's rules hold against plain SQL too, as an accountant with a SQL console or a buggy
 * script would send it, with no application code in between, and even as the schema's owner, who
 * has every privilege the application's role lacks ({@link ApplicationRoleTest} for that role).
 */
class JournalDatabaseGuardsTest {

    private static HikariDataSource dataSource;

    @BeforeAll
    static void database() throws SQLException {
        dataSource = PostgresTestDatabase.freshDatabase().ownerDataSource();
        sql("""
                insert into journal_entry (idempotency_key, entry_date, description, content_hash)
                     values ('guard:1', '2026-01-31', 'seed', repeat('0', 64));
                insert into posting (entry_id, line_no, account_code, amount)
                     select entry_id, 1, '5001.01', 100.00 from journal_entry where idempotency_key = 'guard:1';
                insert into posting (entry_id, line_no, account_code, amount)
                     select entry_id, 2, '3001', -100.00 from journal_entry where idempotency_key = 'guard:1';
                """);
    }

    @AfterAll
    static void closeDatabase() {
        dataSource.close();
    }

    @BeforeEach
    void seedIsIntact() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("select count(*), sum(amount) from posting")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
            assertThat(rs.getBigDecimal(2)).isZero();
        }
    }

    private static void sql(String statements) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(statements);
        }
    }

    @Test
    void updatingAnEntryOrAPostingIsRefused() {
        assertThatThrownBy(() -> sql("update journal_entry set description = 'changed'"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> sql("update posting set amount = 200.00 where line_no = 1"))
                .hasMessageContaining("append-only");
    }

    @Test
    void deletingOrTruncatingIsRefused() {
        assertThatThrownBy(() -> sql("delete from posting")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> sql("delete from journal_entry")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> sql("truncate posting")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> sql("truncate journal_entry cascade")).hasMessageContaining("append-only");
    }

    @Test
    void anUnbalancedEntryCannotCommit() {
        assertThatThrownBy(() -> sql("""
                insert into journal_entry (idempotency_key, entry_date, description, content_hash)
                     values ('guard:unbalanced', '2026-01-31', 'x', repeat('0', 64));
                insert into posting (entry_id, line_no, account_code, amount)
                     select entry_id, 1, '5001.01', 100.00 from journal_entry where idempotency_key = 'guard:unbalanced';
                insert into posting (entry_id, line_no, account_code, amount)
                     select entry_id, 2, '3001', -99.99 from journal_entry where idempotency_key = 'guard:unbalanced';
                """)).hasMessageContaining("does not balance");
        assertThatThrownBy(() -> sql("""
                insert into journal_entry (idempotency_key, entry_date, description, content_hash)
                     values ('guard:empty', '2026-01-31', 'x', repeat('0', 64));
                """)).hasMessageContaining("does not balance");
    }

    @Test
    void postingsCannotBeAddedToAnEntryLater() {
        assertThatThrownBy(() -> sql("""
                insert into posting (entry_id, line_no, account_code, amount)
                     select entry_id, 3, '5001.01', 5.00 from journal_entry where idempotency_key = 'guard:1';
                insert into posting (entry_id, line_no, account_code, amount)
                     select entry_id, 4, '3001', -5.00 from journal_entry where idempotency_key = 'guard:1';
                """)).hasMessageContaining("never added afterwards");
    }

    @Test
    void nothingCanBePostedIntoAClosedPeriodAndItCannotBeReopened() throws SQLException {
        sql("insert into accounting_period (period, status, closed_at) values ('2025-12', 'CLOSED', now())");

        assertThatThrownBy(() -> sql("""
                insert into journal_entry (idempotency_key, entry_date, description, content_hash)
                     values ('guard:closed', '2025-12-31', 'late', repeat('0', 64));
                insert into posting (entry_id, line_no, account_code, amount)
                     select entry_id, 1, '5001.01', 1.00 from journal_entry where idempotency_key = 'guard:closed';
                insert into posting (entry_id, line_no, account_code, amount)
                     select entry_id, 2, '3001', -1.00 from journal_entry where idempotency_key = 'guard:closed';
                """)).hasMessageContaining("2025-12 is closed");
        assertThatThrownBy(() -> sql("update accounting_period set status = 'OPEN', closed_at = null where period = '2025-12'"))
                .hasMessageContaining("cannot be changed");
        assertThatThrownBy(() -> sql("delete from accounting_period where period = '2025-12'"))
                .hasMessageContaining("cannot be changed");
    }
}
