package io.medsettle.intake;

import io.medsettle.discharges.DischargeColumns;
import io.medsettle.files.InputFile;
import io.medsettle.files.InputRow;

import java.nio.file.Path;
import java.util.Iterator;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Streams the discharge file row by row. Its position (rows read) is saved with every committed
 * chunk, so a restarted intake skips the rows already staged and goes on from there.
 */
class DischargeFileReader implements ItemStreamReader<InputRow> {

    static final String ROWS_READ = "dischargeFile.rowsRead";

    private final Path file;
    private InputFile input;
    private Iterator<InputRow> rows;
    private long read;

    DischargeFileReader(Path file) {
        this.file = file;
    }

    @Override
    public void open(ExecutionContext context) {
        input = InputFile.open(file, DischargeColumns.REQUIRED, DischargeColumns.OPTIONAL);
        rows = input.iterator();
        long skip = context.getLong(ROWS_READ, 0L);
        for (read = 0; read < skip && rows.hasNext(); read++) {
            rows.next();
        }
    }

    @Override
    public InputRow read() {
        if (!rows.hasNext()) {
            return null;
        }
        read++;
        return rows.next();
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(ROWS_READ, read);
    }

    @Override
    public void close() {
        if (input != null) {
            input.close();
            input = null;
        }
    }
}
