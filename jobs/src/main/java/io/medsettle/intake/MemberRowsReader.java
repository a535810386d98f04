package io.medsettle.intake;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;

/**
 * Reads the file's members one at a time, each with all the rows {@link MemberRows} holds, from a
 * single ordered cursor on a connection of its own beside the step's transaction. The file's rows
 * that the reference checks set aside ({@link #setAside}) are left out, and so is a member left
 * with no row of the file.
 */
class MemberRowsReader implements ItemStreamReader<MemberRows> {

    /**
     * Memory for the one sort of the whole file (about 300 MB for a million rows), set for the
     * cursor's transaction only. With the server's default the sort spills to disk and takes three
     * times as long.
     */
    static final String SORT_MEMORY = "1GB";

    private final JdbcCursorItemReader<MemberRows.Row> cursor;
    private MemberRows.Row next;
    private BitSet setAside = new BitSet();

    MemberRowsReader(DataSource dataSource, long fileId) {
        this.cursor = new JdbcCursorItemReader<>(dataSource, MemberRows.QUERY, MemberRows::map) {
            @Override
            protected void openCursor(Connection connection) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("set local work_mem = '" + SORT_MEMORY + "'");
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot prepare the member cursor: " + e.getMessage(), e);
                }
                super.openCursor(connection);
            }
        };
        cursor.setName("memberRows");
        cursor.setPreparedStatementSetter(ps -> {
            ps.setLong(1, fileId);
            ps.setLong(2, fileId);
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

    /** The lines of the file's rows that the reference checks set aside: never adjudicated, never loaded. */
    void setAside(BitSet lines) {
        this.setAside = (BitSet) lines.clone();
    }

    @Override
    public MemberRows read() {
        while (next != null) {
            String psnNo = next.settlement().psnNo();
            List<MemberRows.Row> rows = new ArrayList<>();
            boolean fileRows = false;
            while (next != null && next.settlement().psnNo().equals(psnNo)) {
                if (next.loaded() || !setAside.get(Math.toIntExact(next.line()))) {
                    rows.add(next);
                    fileRows |= next.isNew();
                }
                next = readRow();
            }
            if (fileRows) {
                return new MemberRows(psnNo, rows);
            }
        }
        return null;
    }

    private MemberRows.Row readRow() {
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
