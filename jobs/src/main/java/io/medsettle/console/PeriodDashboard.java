package io.medsettle.console;

import java.time.YearMonth;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The accountant's view of a period: which institutions sent files for it (rows loaded, rejected,
 * late files), who has not sent yet, and the runs of its month-end.
 */
@Repository
class PeriodDashboard {

    record InstitutionRow(String code, String name, String kind, long files, long loaded, long rejected, boolean late) {

        public boolean sent() {
            return files > 0;
        }
    }

    record RunRow(long runId, String status, String computedAt, String approvedAt) {
    }

    private final JdbcClient jdbc;

    PeriodDashboard(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Institutions valid in the period's last day, with what they sent for it. */
    List<InstitutionRow> institutions(YearMonth period) {
        return jdbc.sql("""
                        select i.fixmedins_code, i.fixmedins_name, i.inst_kind, count(f.file_id),
                               coalesce(sum(f.rows_loaded), 0), coalesce(sum(f.rows_rejected), 0), coalesce(bool_or(f.late), false)
                          from institution i
                          left join intake_file f on f.fixmedins_code = i.fixmedins_code and f.period = ? and f.status = 'LOADED'
                         where i.valid_from <= ? and (i.valid_to is null or i.valid_to > ?)
                         group by i.fixmedins_code, i.fixmedins_name, i.inst_kind
                         order by count(f.file_id) = 0 desc, i.fixmedins_code""")
                .params(period.toString(), period.atEndOfMonth(), period.atEndOfMonth())
                .query((rs, n) -> new InstitutionRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getBoolean(7)))
                .list();
    }

    List<RunRow> runs(YearMonth period) {
        return jdbc.sql("""
                        select run_id, status, to_char(computed_at, 'YYYY-MM-DD HH24:MI'), to_char(approved_at, 'YYYY-MM-DD HH24:MI')
                          from month_end_run where period = ? order by run_id desc""")
                .param(period.toString())
                .query((rs, n) -> new RunRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
    }

    /** The periods with files or runs, the newest first. */
    List<String> periods() {
        return jdbc.sql("""
                select period from intake_file union select period from month_end_run order by 1 desc limit 36""")
                .query(String.class).list();
    }
}
