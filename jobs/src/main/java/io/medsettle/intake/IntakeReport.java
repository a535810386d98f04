package io.medsettle.intake;

import io.medsettle.files.Problem;
import io.medsettle.files.ValidationReport;

import java.nio.file.Path;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes a file's validation report from {@code intake_problem}: every bad row with its line,
 * column, value and reasons, in line order, plus the header's unknown columns, or the reason the
 * whole file was rejected. Written from the database, the report is complete also after an
 * interrupted and resumed intake.
 */
@Component
class IntakeReport {

    private final JdbcClient jdbc;

    IntakeReport(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes {@code <base>.csv} and {@code <base>.xlsx}; returns the report. */
    ValidationReport write(Path base, String name, IntakeFiles.IntakeFile intake, List<Problem> headerWarnings,
                           boolean wholeFile) {
        try (ValidationReport report = new ValidationReport(base,
                wholeFile ? "出院结算明细校验报告(整个文件被拒收)" : "出院结算明细校验报告", List.of(
                new String[] {"文件", name}, new String[] {"机构", intake.institution()},
                new String[] {"期间", intake.period().toString()}, new String[] {"SHA-256", intake.sha256()}))) {
            headerWarnings.forEach(report::add);
            jdbc.sql("""
                            select line_no, column_name, value, reason_zh, reason_en from intake_problem
                             where file_id = ? order by stage = 'file' desc, line_no, stage desc, column_name""")
                    .param(intake.id())
                    .query(rs -> {
                        report.add(new Problem(name, rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5)));
                    });
            return report;
        }
    }

    /** How many of the file's loaded rows had their account payment not debited (stage 'account'). */
    int accountProblems(long fileId) {
        return jdbc.sql("select count(*) from intake_problem where file_id = ? and stage = 'account'").param(fileId)
                .query(Integer.class).single();
    }

    /** Why the whole file was rejected, in English, for the command's message. */
    String wholeFileReason(long fileId) {
        return jdbc.sql("select reason_en from intake_problem where file_id = ? and stage = 'file' order by line_no limit 1")
                .param(fileId).query(String.class).optional().orElse("see the report");
    }
}
