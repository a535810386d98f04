package io.medsettle.reference;

import io.medsettle.app.PgCopy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Merges a loaded reference file into its table in one transaction: the rows are copied into a
 * temporary table and merged with set-based statements, so a file of a million members loads as
 * fast as PostgreSQL can copy it, and a failed load changes nothing.
 */
@Repository
public class ReferenceStore {

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    ReferenceStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    /** What a load changed. */
    public record Outcome(long rows, long inserted, long changed) {

        public long unchanged() {
            return rows - inserted - changed;
        }
    }

    /** A loaded member row left out: a current member with another number holds its ID number. */
    public record IdNumberHeld(String psnNo, String certno, String holder) {
    }

    /**
     * Loads rows written by {@code rows} (values in {@link ReferenceKind#columns()} order).
     *
     * @param effective the day from which changed institutions and members take their new values
     */
    @Transactional
    public Outcome load(ReferenceKind kind, LocalDate effective, Consumer<PgCopy> rows) {
        return load(kind, effective, rows, held -> { });
    }

    /**
     * Loads as {@link #load(ReferenceKind, LocalDate, Consumer)} does; a member row whose ID number
     * a current member with another number holds is not loaded and goes to {@code idNumbersHeld}.
     */
    @Transactional
    public Outcome load(ReferenceKind kind, LocalDate effective, Consumer<PgCopy> rows,
                        Consumer<IdNumberHeld> idNumbersHeld) {
        ReferenceTable table = kind.table();
        jdbc.execute(table.createStaging());
        PgCopy copy = PgCopy.into(dataSource, table.stagingTable(), table.loadedColumns());
        rows.accept(copy);
        copy.flush();
        long count = copy.copied();
        if (kind == ReferenceKind.MEMBERS) {
            count -= leaveOutIdNumbersHeldByOthers(idNumbersHeld);
        }
        Timestamp loadedAt = Timestamp.from(clock.instant());
        if (!table.versioned()) {
            long before = jdbc.queryForObject("select count(*) from " + table.name(), Long.class);
            long touched = jdbc.update(table.upsert(), loadedAt);
            long inserted = jdbc.queryForObject("select count(*) from " + table.name(), Long.class) - before;
            return new Outcome(count, inserted, touched - inserted);
        }
        long corrected = jdbc.update(table.correctSameDayVersion(), loadedAt, effective);
        long closed = jdbc.update(table.closeChangedVersions(), effective, effective);
        long opened = jdbc.update(table.openNewVersions(), effective, loadedAt);
        return new Outcome(count, opened - closed, closed + corrected);
    }

    /**
     * One ID number, one member number: a staged member whose ID number a current member with
     * another number holds is taken out before the merge, in one pass over both tables (there is no
     * index on certno, and none is needed for a load). A holder that the file itself changes does
     * not count: after the load it no longer holds the number.
     */
    private long leaveOutIdNumbersHeldByOthers(Consumer<IdNumberHeld> idNumbersHeld) {
        List<IdNumberHeld> held = jdbc.query("""
                delete from load_member s using member m
                where m.certno = s.certno and m.valid_to is null and m.psn_no <> s.psn_no
                  and not exists (select 1 from load_member f where f.psn_no = m.psn_no)
                returning s.psn_no, s.certno, m.psn_no as holder""",
                (rs, i) -> new IdNumberHeld(rs.getString("psn_no"), rs.getString("certno"), rs.getString("holder")));
        held.forEach(idNumbersHeld);
        return held.size();
    }
}
