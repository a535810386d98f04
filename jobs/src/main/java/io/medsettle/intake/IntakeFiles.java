package io.medsettle.intake;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.YearMonth;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The registry of received files ({@code intake_file}): what was loaded, when, and how it went. */
@Repository
class IntakeFiles {

    private final JdbcClient jdbc;
    private final Clock clock;

    IntakeFiles(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    enum Status { STAGING, LOADED, REJECTED }

    record IntakeFile(long id, String sha256, String institution, YearMonth period, String fileName, Status status,
                      Integer rowsRead, Integer rowsLoaded, Integer rowsRejected, String reportCsv, String reportXlsx,
                      Timestamp finishedAt) {
    }

    Optional<IntakeFile> bySha256(String sha256) {
        return jdbc.sql("select * from intake_file where sha256 = ?").param(sha256).query(IntakeFiles::map).optional();
    }

    IntakeFile byId(long id) {
        return jdbc.sql("select * from intake_file where file_id = ?").param(id).query(IntakeFiles::map).single();
    }

    /**
     * The file's registration: a new one, or the one an interrupted run left in STAGING (its job
     * restarts where it stopped). A loaded or rejected file is returned as it is.
     */
    @Transactional
    IntakeFile register(String sha256, String institution, YearMonth period, String fileName, String encoding) {
        jdbc.sql("""
                        insert into intake_file (sha256, fixmedins_code, period, file_name, encoding, status, received_at)
                        values (?, ?, ?, ?, ?, 'STAGING', ?)
                        on conflict (sha256) do nothing""")
                .params(sha256, institution, period.toString(), fileName, encoding, Timestamp.from(clock.instant()))
                .update();
        return bySha256(sha256).orElseThrow();
    }

    void reject(long fileId, String reportCsv, String reportXlsx) {
        jdbc.sql("""
                        update intake_file set status = 'REJECTED', report_csv = ?, report_xlsx = ?, finished_at = ?
                         where file_id = ? and status = 'STAGING'""")
                .params(reportCsv, reportXlsx, Timestamp.from(clock.instant()), fileId).update();
    }

    void reports(long fileId, String reportCsv, String reportXlsx) {
        jdbc.sql("update intake_file set report_csv = ?, report_xlsx = ? where file_id = ?")
                .params(reportCsv, reportXlsx, fileId).update();
    }

    private static IntakeFile map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new IntakeFile(rs.getLong("file_id"), rs.getString("sha256"), rs.getString("fixmedins_code"),
                YearMonth.parse(rs.getString("period")), rs.getString("file_name"), Status.valueOf(rs.getString("status")),
                (Integer) rs.getObject("rows_read"), (Integer) rs.getObject("rows_loaded"),
                (Integer) rs.getObject("rows_rejected"), rs.getString("report_csv"), rs.getString("report_xlsx"),
                rs.getTimestamp("finished_at"));
    }
}
