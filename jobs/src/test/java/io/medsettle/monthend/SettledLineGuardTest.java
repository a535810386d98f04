package io.medsettle.monthend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medsettle.support.MedsettleSpringTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The database's guard on settled lines (V8, per statement since V13): a draft's lines may go, an
 * approved run's never, not even at the owner's request, and no line is ever changed.
 */
class SettledLineGuardTest extends MedsettleSpringTest {

    @Autowired
    JdbcTemplate jdbc;

    private long run(String status) {
        return jdbc.queryForObject("""
                insert into month_end_run (period, status, profile, method, holdback_rate, computed_at, approved_at)
                values ('2049-07', ?, 'p', 'AVERAGE_COST', 0.10, now(), case when ? = 'APPROVED' then now() end)
                returning run_id""", Long.class, status, status);
    }

    private void lines(long run, int count) {
        jdbc.update("""
                insert into settled_line (run_id, fixmedins_code, setl_id, revision, counted, kind)
                select ?, 'HGL', 'SGL' || n, 1, true, 'regular' from generate_series(1, ?) n""", run, count);
    }

    @Test
    void aDraftsLinesGoAnApprovedRunsStay() {
        long draft = run("DRAFT");
        long approved = run("APPROVED");
        lines(draft, 3);
        lines(approved, 3);

        assertThatThrownBy(() -> jdbc.update("delete from settled_line where run_id in (?, ?)", draft, approved))
                .hasMessageContaining("DELETE of run " + approved + " refused");
        assertThatThrownBy(() -> ownerJdbc().update("delete from settled_line where run_id = ?", approved))
                .hasMessageContaining("settled lines of an approved month-end are kept as they are");
        assertThatThrownBy(() -> ownerJdbc().update("update settled_line set counted = false where run_id = ?", draft))
                .hasMessageContaining("UPDATE refused");
        assertThat(jdbc.queryForObject("select count(*) from settled_line where run_id in (?, ?)", Integer.class,
                draft, approved)).as("a refused statement deletes nothing").isEqualTo(6);

        assertThat(jdbc.update("delete from settled_line where run_id = ?", draft)).isEqualTo(3);
        assertThat(jdbc.queryForObject("select count(*) from settled_line where run_id = ?", Integer.class, approved))
                .isEqualTo(3);
    }
}
