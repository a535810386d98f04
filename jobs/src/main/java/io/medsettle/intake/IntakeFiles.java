package io.medsettle.intake;

import io.medsettle.files.Problem;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.YearMonth;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The registry of received files ({@code intake_file}): what was taken in, when, and how it went.
 *
 * <p>A file is known by its institution and its content (SHA-256). The same content loaded once
 * with at least one row is not loaded again; the same content from another institution, or sent
 * again after an attempt that loaded nothing (a wrong period, reference data missing), is a new
 * file. An intake that was interrupted is resumed when the same file comes again for the same period.
 */
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
                      Timestamp finishedAt, boolean late, int rowsRevised, int rowsRevisedOther) {
    }

    /** The institution's file with this content that loaded something, if any. */
    Optional<IntakeFile> loaded(String institution, String sha256) {
        return jdbc.sql("""
                        select * from intake_file where fixmedins_code = ? and sha256 = ?
                           and status = 'LOADED' and rows_loaded > 0""")
                .params(institution, sha256).query(IntakeFiles::map).optional();
    }

    Optional<IntakeFile> find(long id) {
        return jdbc.sql("select * from intake_file where file_id = ?").param(id).query(IntakeFiles::map).optional();
    }

    IntakeFile byId(long id) {
        return jdbc.sql("select * from intake_file where file_id = ?").param(id).query(IntakeFiles::map).single();
    }

    /**
     * The file's registration: the one an interrupted intake of the same file and period left
     * unfinished (its job resumes where it stopped), or a new one. An unfinished intake of the same
     * content for another period is given up first: the file was sent again with the period corrected.
     */
    @Transactional
    IntakeFile register(String sha256, String institution, YearMonth period, String fileName, String encoding) {
        Optional<IntakeFile> unfinished = jdbc.sql("""
                        select * from intake_file where fixmedins_code = ? and sha256 = ? and status = 'STAGING'""")
                .params(institution, sha256).query(IntakeFiles::map).optional();
        if (unfinished.isPresent()) {
            if (unfinished.get().period().equals(period)) {
                return unfinished.get();
            }
            abandon(unfinished.get().id(), Problem.wholeFile(unfinished.get().fileName(),
                    "同一文件已按期间" + period + "重新上传,本次未完成的处理作废",
                    "the same file was sent again for the period " + period + "; this unfinished intake is given up"));
        }
        long id = jdbc.sql("""
                        insert into intake_file (sha256, fixmedins_code, period, file_name, encoding, status, received_at)
                        values (?, ?, ?, ?, ?, 'STAGING', ?) returning file_id""")
                .params(sha256, institution, period.toString(), fileName, encoding, Timestamp.from(clock.instant()))
                .query(Long.class).single();
        return byId(id);
    }

    /** Whether the institution is in the reference data (any version). */
    boolean institutionKnown(String code) {
        return jdbc.sql("select exists (select 1 from institution where fixmedins_code = ?)").param(code)
                .query(Boolean.class).single();
    }

    /** Whether the period's month-end was approved: a file for it now is late. */
    boolean periodSettled(YearMonth period) {
        return jdbc.sql("select exists (select 1 from month_end_run where period = ? and status = 'APPROVED')")
                .param(period.toString()).query(Boolean.class).single();
    }

    /**
     * Rejects the whole file from inside its intake (malformed CSV after the header, a late file the
     * profile refuses): its staged rows go, the reason is kept as a problem of the file, and the file
     * is marked rejected. Nothing of it was loaded.
     */
    void rejectWhole(long fileId, Problem problem) {
        jdbc.sql("delete from account_staging where file_id = ?").param(fileId).update();
        jdbc.sql("delete from revision_staging where file_id = ?").param(fileId).update();
        jdbc.sql("delete from discharge_staging where file_id = ?").param(fileId).update();
        jdbc.sql("""
                        insert into intake_problem (file_id, line_no, column_name, value, reason_zh, reason_en, stage)
                        values (?, ?, ?, ?, ?, ?, 'file')""")
                .params(fileId, problem.line(), truncate(problem.column(), 64), truncate(problem.value(), 1000),
                        truncate(problem.reasonZh(), 500), truncate(problem.reasonEn(), 500))
                .update();
        jdbc.sql("update intake_file set status = 'REJECTED', finished_at = ? where file_id = ? and status = 'STAGING'")
                .params(Timestamp.from(clock.instant()), fileId).update();
    }

    /** Gives up an unfinished intake, in a transaction of its own, with the reason as its problem. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void abandon(long fileId, Problem reason) {
        rejectWhole(fileId, reason);
    }

    /** A rejection found before the file's job started (unusable header): recorded as it is. */
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

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private static IntakeFile map(ResultSet rs, int row) throws SQLException {
        return new IntakeFile(rs.getLong("file_id"), rs.getString("sha256"), rs.getString("fixmedins_code"),
                YearMonth.parse(rs.getString("period")), rs.getString("file_name"), Status.valueOf(rs.getString("status")),
                (Integer) rs.getObject("rows_read"), (Integer) rs.getObject("rows_loaded"),
                (Integer) rs.getObject("rows_rejected"), rs.getString("report_csv"), rs.getString("report_xlsx"),
                rs.getTimestamp("finished_at"), rs.getBoolean("late"), rs.getInt("rows_revised"),
                rs.getInt("rows_revised_other"));
    }
}
