package io.medsettle.intake;

import io.medsettle.app.PgCopy;
import io.medsettle.discharges.DischargeColumns;
import io.medsettle.discharges.DischargeRow;
import io.medsettle.files.Problem;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** Copies a chunk's accepted rows into {@code discharge_staging} and its problems into {@code intake_problem}. */
class StagingWriter implements ItemWriter<DischargeRow> {

    private final DataSource dataSource;
    private final long fileId;

    StagingWriter(DataSource dataSource, long fileId) {
        this.dataSource = dataSource;
        this.fileId = fileId;
    }

    @Override
    public void write(Chunk<? extends DischargeRow> chunk) {
        PgCopy staging = PgCopy.into(dataSource, "discharge_staging", DischargeColumns.STAGING);
        PgCopy problems = PgCopy.into(dataSource, "intake_problem", DischargeColumns.PROBLEM);
        for (DischargeRow row : chunk) {
            if (row.accepted()) {
                row.copyInto(staging, fileId);
            } else {
                for (Problem p : row.problems()) {
                    problems.row().number(fileId).number(p.line()).text(p.column()).text(truncate(p.value()))
                            .text(p.reasonZh()).text(p.reasonEn()).text("row").end();
                }
            }
        }
        staging.flush();
        problems.flush();
    }

    private static String truncate(String value) {
        return value == null || value.length() <= 1000 ? value : value.substring(0, 1000);
    }
}
