package io.medsettle.ledger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medsettle.testdb.PostgresTestDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.assertj.core.api.ThrowingConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The application's role cannot change a posting by any means: not with the statements the
 * journal's triggers refuse, and not by getting the triggers out of the way first, which only the
 * owner of the tables could. Its grants come from {@code afterMigrate.sql}; the test database is
 * migrated by the owner, as in production.
 */
class ApplicationRoleTest {

    private static HikariDataSource application;
    private static HikariDataSource owner;

    @BeforeAll
    static void database() throws SQLException {
        PostgresTestDatabase.Database database = PostgresTestDatabase.freshDatabase();
        application = database.dataSource();
        owner = database.ownerDataSource();
        // The application's role posts, as the application does.
        sql(application, """
                insert into journal_entry (idempotency_key, entry_date, description, content_hash)
                     values ('role:1', '2026-01-31', 'seed', repeat('0', 64));
                insert into posting (entry_id, line_no, account_code, amount)
                     select entry_id, 1, '5001.01', 100.00 from journal_entry where idempotency_key = 'role:1';
                insert into posting (entry_id, line_no, account_code, amount)
                     select entry_id, 2, '3001', -100.00 from journal_entry where idempotency_key = 'role:1';
                """);
    }

    @AfterAll
    static void close() {
        application.close();
        owner.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // What the triggers would refuse anyway: the role has no privilege to ask.
            "update posting set amount = 200.00 where line_no = 1",
            "delete from posting",
            "truncate posting",
            "truncate journal_entry cascade",
            "insert into posting (entry_id, line_no, account_code, amount) select entry_id, 1, '3001', 1.00"
                    + " from journal_entry on conflict (entry_id, line_no) do update set amount = excluded.amount",
            // Getting the triggers out of the way: only the owner could.
            "alter table posting disable trigger posting_append_only",
            "alter table posting disable trigger all",
            "drop trigger posting_append_only on posting",
            "set session_replication_role = replica",
            "alter table posting owner to medsettle_app",
            "alter table posting rename to posting_old",
            "create or replace function journal_refuse_change() returns trigger language plpgsql"
                    + " as $$ begin return new; end $$",
            "drop function journal_refuse_change() cascade",
            "create rule posting_quietly as on update to posting do instead nothing",
            "create trigger posting_mine before update on posting for each row execute function journal_refuse_change()",
            // Objects of its own that a trigger function could pick up: none anywhere.
            "create function public.to_char(date, text) returns text language sql as $$ select '2000-01' $$",
            "create table public.posting_copy (amount numeric)",
            "create schema medsettle_app",
            // The owner's maintenance procedure does the staging tables and nothing else.
            "call medsettle_analyze('posting')"})
    void isRefused(String statement) throws SQLException {
        List<String> before = postings();

        assertThatThrownBy(() -> sql(application, statement)).as(statement).satisfies(refusedWith("42501"));
        assertUnchanged(before);
    }

    @Test
    void grantingItselfMoreGrantsNothing() throws SQLException {
        List<String> before = postings();

        // A role without grant options gets a warning, not an error, and no privilege.
        sql(application, "grant update, delete, truncate, trigger on posting to medsettle_app");

        assertThatThrownBy(() -> sql(application, "update posting set amount = 200.00 where line_no = 1"))
                .satisfies(refusedWith("42501"));
        assertUnchanged(before);
    }

    /**
     * The trigger functions run with the writer's search path, where a temporary table comes
     * first; theirs is pinned, so a temporary {@code journal_entry} cannot vouch for a posting
     * added to an old entry.
     */
    @Test
    void aTemporaryTableCannotStandInForTheJournal() throws SQLException {
        List<String> before = postings();

        assertThatThrownBy(() -> sql(application, """
                create temporary table journal_entry (entry_id bigint, created_txid bigint) on commit drop;
                insert into journal_entry select entry_id, txid_current() from public.journal_entry;
                insert into posting (entry_id, line_no, account_code, amount)
                     select entry_id, 3, '5001.01', 1.00 from public.journal_entry where idempotency_key = 'role:1';
                """)).satisfies(refusedWith("MS003"));
        assertUnchanged(before);
    }

    @Test
    void theApplicationsOwnWorkIsAllowed() {
        assertThatCode(() -> sql(application, """
                call medsettle_analyze('discharge_staging');
                create temporary table load_budget (year smallint) on commit drop;
                insert into accounting_period (period) values ('2026-02') on conflict do nothing;
                update accounting_period set status = 'CLOSED', closed_at = now() where period = '2026-02';
                """)).doesNotThrowAnyException();
    }

    /** Refused by the server with this SQLSTATE (42501: insufficient privilege). */
    private static ThrowingConsumer<Throwable> refusedWith(String sqlState) {
        return e -> assertThat(e).isInstanceOfSatisfying(SQLException.class,
                sql -> assertThat(sql.getSQLState()).as(sql.getMessage()).isEqualTo(sqlState));
    }

    private static void assertUnchanged(List<String> before) throws SQLException {
        assertThat(postings()).isEqualTo(before).hasSize(2);
        try (Connection c = owner.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     select string_agg(tgname || '=' || tgenabled::text, ',' order by tgname) from pg_trigger
                      where tgrelid = 'posting'::regclass and not tgisinternal""")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("posting_append_only=O,posting_before_insert=O,posting_no_truncate=O");
        }
        try (Connection c = owner.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     select pg_get_userbyid(relowner), (select count(*) from pg_rewrite where ev_class = 'posting'::regclass),
                            (select prosrc from pg_proc where proname = 'journal_refuse_change')
                       from pg_class where oid = 'posting'::regclass""")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(PostgresTestDatabase.OWNER);
            assertThat(rs.getInt(2)).as("rules on posting").isZero();
            assertThat(rs.getString(3)).contains("raise exception 'the journal is append-only");
        }
    }

    private static List<String> postings() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = owner.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select entry_id, line_no, account_code, amount from posting order by 1, 2")) {
            while (rs.next()) {
                rows.add(rs.getLong(1) + "/" + rs.getInt(2) + "/" + rs.getString(3) + "/" + rs.getBigDecimal(4));
            }
        }
        return rows;
    }

    private static void sql(HikariDataSource dataSource, String statements) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(statements);
        }
    }
}
