package io.medsettle.intake;

import io.medsettle.ledger.Money;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.jdbc.core.PreparedStatementSetter;

/**
 * The movements already posted to the individual accounts of the file's members, and whether each
 * account is closed, read member by member beside {@link MemberRowsReader}: one cursor in the same
 * member order ({@code psn_no} in the "C" collation, which is the order of Java's
 * {@link String#compareTo} for the letters and digits a member number is made of), so that the two
 * are merged as the load step walks the members, with no second pass over the file.
 */
class PostedMovements implements AutoCloseable {

    /** A member's movements as {@link DischargeAccounts} reads them ('M' rows), and the account's closure. */
    record Member(List<DischargeAccounts.Row> movements, boolean closed) {

        static final Member NONE = new Member(List.of(), false);
    }

    /**
     * Movements and closures ('X' rows) of the file's members; the file id is the query's parameter.
     * Members of rows the reference checks set aside are read too (see {@link MemberRows#QUERY}); the
     * load never asks for them.
     */
    static final String QUERY = """
            with members as (
                select distinct psn_no from discharge_staging where file_id = ?
            )
            select * from (
                select 'M' as t, m.psn_no, m.fixmedins_code, m.setl_id, m.amount, m.kind, m.value_date
                  from account_movement m join members p on p.psn_no = m.psn_no
                union all
                select 'X', c.psn_no, null, null, null, null, null
                  from account_closure c join members p on p.psn_no = c.psn_no
            ) u
            order by psn_no collate "C", t, value_date, fixmedins_code collate "C", setl_id collate "C\"""";

    private record Line(char type, String psnNo, String institution, String setlId, Money amount, String kind,
                        LocalDate valueDate) {
    }

    private final JdbcCursorItemReader<Line> cursor;
    private Line next;

    PostedMovements(DataSource dataSource, long fileId) {
        this(dataSource, QUERY, ps -> ps.setLong(1, fileId));
    }

    /**
     * Over another query with {@link #QUERY}'s columns and order: the bench's floor ({@link WriteOnceFloor})
     * reads every member's movements, having no staged file to take its members from.
     */
    PostedMovements(DataSource dataSource, String query, PreparedStatementSetter parameters) {
        this.cursor = new JdbcCursorItemReader<>(dataSource, query, PostedMovements::map) {
            @Override
            protected void openCursor(Connection connection) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("set local work_mem = '" + MemberRowsReader.SORT_MEMORY + "'");
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot prepare the accounts cursor: " + e.getMessage(), e);
                }
                super.openCursor(connection);
            }
        };
        cursor.setName("postedMovements");
        cursor.setPreparedStatementSetter(parameters);
        cursor.setFetchSize(5_000);
        cursor.setConnectionAutoCommit(false);
        cursor.setSaveState(false);
    }

    void open() {
        cursor.open(new ExecutionContext());
        next = read();
    }

    /** The member's movements and closure; members must be asked for in the cursor's order. */
    Member of(String psnNo) {
        while (next != null && next.psnNo().compareTo(psnNo) < 0) {
            next = read();
        }
        if (next == null || !next.psnNo().equals(psnNo)) {
            return Member.NONE;
        }
        List<DischargeAccounts.Row> movements = new ArrayList<>();
        boolean closed = false;
        for (; next != null && next.psnNo().equals(psnNo); next = read()) {
            if (next.type() == 'X') {
                closed = true;
            } else {
                movements.add(new DischargeAccounts.Row('M', psnNo, next.institution(), next.setlId(), null, 0,
                        next.amount(), next.kind(), null, next.valueDate(), false));
            }
        }
        return new Member(movements, closed);
    }

    private Line read() {
        try {
            return cursor.read();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the members' account movements: " + e.getMessage(), e);
        }
    }

    private static Line map(ResultSet rs, int n) throws SQLException {
        return new Line(rs.getString("t").charAt(0), rs.getString("psn_no"), rs.getString("fixmedins_code"),
                rs.getString("setl_id"), rs.getBigDecimal("amount") == null ? null : Money.of(rs.getBigDecimal("amount")),
                rs.getString("kind"), rs.getObject("value_date", LocalDate.class));
    }

    @Override
    public void close() {
        cursor.close();
    }
}
