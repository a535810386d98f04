package io.medsettle.console;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A hospital user's discharge files. Every query takes the user's institutions and returns nothing
 * of any other: isolation is in the queries, not only in the pages that call them.
 */
@Repository
class HospitalFiles {

    record FileRow(long id, String institution, String period, String name, String status, Integer rowsRead,
                   Integer rowsLoaded, Integer rowsRejected, boolean late, OffsetDateTime receivedAt, String reportCsv) {

        Optional<Path> report() {
            return Optional.ofNullable(reportCsv).map(Path::of);
        }
    }

    private static final String COLUMNS = """
            select file_id, fixmedins_code, period, file_name, status, rows_read, rows_loaded, rows_rejected, late,
                   received_at, report_csv from intake_file""";

    private final JdbcClient jdbc;

    HospitalFiles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<FileRow> recent(Collection<String> institutions) {
        return jdbc.sql(COLUMNS + " where fixmedins_code = any (?) order by file_id desc limit 200")
                .param(institutions.toArray(String[]::new)).query(HospitalFiles::row).list();
    }

    Optional<FileRow> one(long id, Collection<String> institutions) {
        return jdbc.sql(COLUMNS + " where file_id = ? and fixmedins_code = any (?)")
                .params(id, institutions.toArray(String[]::new)).query(HospitalFiles::row).optional();
    }

    private static FileRow row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new FileRow(rs.getLong(1), rs.getString(2), rs.getString(3), Path.of(rs.getString(4)).getFileName().toString(),
                rs.getString(5), (Integer) rs.getObject(6), (Integer) rs.getObject(7), (Integer) rs.getObject(8),
                rs.getBoolean(9), rs.getObject(10, OffsetDateTime.class), rs.getString(11));
    }
}
