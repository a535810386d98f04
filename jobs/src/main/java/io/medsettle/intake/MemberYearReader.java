package io.medsettle.intake;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;

/**
 * Reads the file's staged rows one member-year at a time from a single ordered cursor. Its
 * position (member-years read) is saved with every committed chunk; a restarted step skips that
 * many and goes on. The order is stable across a restart: only this intake writes settlements
 * while it runs (intakes take one lock).
 */
class MemberYearReader implements ItemStreamReader<MemberYearRows> {

    static final String GROUPS_READ = "memberYears.read";

    private final JdbcCursorItemReader<MemberYearRows.Row> cursor;
    private MemberYearRows.Row next;
    private long groups;

    MemberYearReader(DataSource dataSource, long fileId) {
        this.cursor = new JdbcCursorItemReaderBuilder<MemberYearRows.Row>()
                .name("memberYearRows")
                .dataSource(dataSource)
                .sql(MemberYearRows.QUERY)
                .preparedStatementSetter(ps -> ps.setLong(1, fileId))
                .rowMapper(MemberYearRows.Row::map)
                .fetchSize(5_000)
                .connectionAutoCommit(false)
                .saveState(false)
                .build();
    }

    @Override
    public void open(ExecutionContext context) {
        cursor.open(new ExecutionContext());
        next = readRow();
        long skip = context.getLong(GROUPS_READ, 0L);
        for (groups = 0; groups < skip && next != null; groups++) {
            group();
        }
    }

    @Override
    public MemberYearRows read() {
        if (next == null) {
            return null;
        }
        groups++;
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
    public void update(ExecutionContext context) {
        context.putLong(GROUPS_READ, groups);
    }

    @Override
    public void close() {
        cursor.close();
    }
}
