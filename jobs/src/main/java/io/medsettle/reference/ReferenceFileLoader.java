package io.medsettle.reference;

import io.medsettle.app.MedsettleProperties;
import io.medsettle.app.PgCopy;
import io.medsettle.files.InputFile;
import io.medsettle.files.InputRow;
import io.medsettle.files.ValidationReport;
import io.medsettle.ledger.Money;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Service;

/**
 * Loads one reference file: reads and checks every row, merges the good ones into their table in
 * one transaction, and writes a report of the bad ones (and of unknown columns).
 */
@Service
public class ReferenceFileLoader {

    private static final int FLUSH_ROWS = 10_000;

    private final ReferenceStore store;
    private final MedsettleProperties properties;
    private final Clock clock;

    ReferenceFileLoader(ReferenceStore store, MedsettleProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    public record Result(ReferenceStore.Outcome outcome, long rejectedRows, Optional<Path> report) {
    }

    public Result load(ReferenceKind kind, Path file, LocalDate effective) {
        Path reportBase = properties.out().resolve("reports").resolve(
                LocalDateTime.now(clock).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-load-"
                        + kind.id() + "-" + file.getFileName());
        try (InputFile input = InputFile.open(file, ReferenceRows.required(kind), ReferenceRows.optional(kind));
             ValidationReport report = new ValidationReport(reportBase, "参考数据校验报告 " + kind.id(),
                     List.<String[]>of(new String[] {"文件", file.toString()}, new String[] {"类型", kind.id()}))) {
            input.warnings().forEach(report::add);
            long[] rejected = {0};
            int keys = kind.table().keys().size();
            ReferenceStore.Outcome outcome = store.load(kind, effective, copy -> {
                Set<List<Object>> seen = new HashSet<>();
                long pending = 0;
                for (InputRow row : input) {
                    List<Object> values = ReferenceRows.read(kind, row);
                    if (values != null && !seen.add(List.copyOf(values.subList(0, keys)))) {
                        row.problem(kind.columns().get(0), String.valueOf(values.get(0)), "同一主键在文件中重复出现",
                                "the same key appears twice in the file");
                        values = null;
                    }
                    if (values == null) {
                        rejected[0]++;
                        row.problems().forEach(report::add);
                        continue;
                    }
                    append(copy.row(), values);
                    if (++pending % FLUSH_ROWS == 0) {
                        copy.flush();
                    }
                }
            });
            boolean anything = report.problems() > 0;
            return new Result(outcome, rejected[0], anything ? Optional.of(report.xlsx()) : Optional.empty());
        }
    }

    private static void append(PgCopy.Row row, List<Object> values) {
        for (Object value : values) {
            if (value == null) {
                row.text(null);
            } else if (value instanceof String s) {
                row.text(s);
            } else if (value instanceof Integer i) {
                row.number(i);
            } else if (value instanceof Money m) {
                row.money(m);
            } else if (value instanceof BigDecimal d) {
                row.decimal(d);
            } else if (value instanceof LocalDate d) {
                row.date(d);
            } else {
                throw new IllegalArgumentException("no COPY form for " + value.getClass());
            }
        }
        row.end();
    }
}
