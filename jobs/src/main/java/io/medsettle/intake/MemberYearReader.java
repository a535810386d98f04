package io.medsettle.intake;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;

/**
 * Reads the file's staged rows one member-year at a time from a single ordered cursor, on a
 * connection of its own beside the step's transaction.
 */
class MemberYearReader implements ItemStreamReader<MemberYearRows> {

    private final JdbcCursorItemReader<MemberYearRows.Row> cursor;
    private MemberYearRows.Row next;

    /**
     * Memory for the one sort of the whole file (about 300 MB for a million rows), set for the
     * cursor's transaction only. With the server's default the sort spills to disk and takes three
     * times as long.
     */
    static final String SORT_MEMORY = "1GB";

    MemberYearReader(DataSource dataSource, long fileId) {
        this.cursor = new JdbcCursorItemReader<>(dataSource, MemberYearRows.QUERY, MemberYearRows.Row::map) {
            @Override
            protected void openCursor(Connection connection) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("set local work_mem = '" + SORT_MEMORY + "'");
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot prepare the member-year cursor: " + e.getMessage(), e);
                }
                super.openCursor(connection);
            }
        };
        cursor.setName("memberYearRows");
        cursor.setPreparedStatementSetter(ps -> {
            for (int i = 1; i <= 2; i++) {
                ps.setLong(i, fileId);
            }
        });
        cursor.setFetchSize(5_000);
        cursor.setConnectionAutoCommit(false);
        cursor.setSaveState(false);
    }

    @Override
    public void open(ExecutionContext context) {
        cursor.open(new ExecutionContext());
        next = readRow();
    }

    @Override
    public MemberYearRows read() {
        if (next == null) {
            return null;
        }
        return group();
    }

    private MemberYearRows group() {
        String psnNo = next.psnNo();
        int year = next.year();
        List<MemberYearRows.Earlier> earlier = new ArrayList<>();
        List<MemberYearRows.New> rows = new ArrayList<>();
        io.medsettle.adjudication.Member member = null;
        while (next != null && next.psnNo().equals(psnNo) && next.year() == year) {
            if (next.earlier()) {
                earlier.add(new MemberYearRows.Earlier(next.settlement(), next.figures()));
            } else {
                member = member != null ? member : next.member();
                rows.add(new MemberYearRows.New(next.line(), next.settlement(), next.institution()));
            }
            next = readRow();
        }
        return new MemberYearRows(psnNo, year, member, earlier, rows);
    }

    private MemberYearRows.Row readRow() {
        try {
            return cursor.read();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the staged discharges: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        cursor.close();
    }
}
