package io.medsettle.reference;

import io.medsettle.app.MedsettleProperties;
import io.medsettle.app.PgCopy;
import io.medsettle.files.InputFile;
import io.medsettle.files.InputRow;
import io.medsettle.files.ReportFiles;
import io.medsettle.files.Problem;
import io.medsettle.files.ValidationReport;
import io.medsettle.ledger.Money;
import io.medsettle.reports.SafeText;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;

/**
 * Loads one reference file: reads and checks every row, merges the good ones into their table in
 * one transaction, and writes a report of the bad ones (and of unknown columns). A members file
 * also keeps one ID number to one member number: a second member number with an ID number that the
 * file or the database already has under another is a bad row.
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
        try (InputFile input = InputFile.open(file, ReferenceRows.required(kind), ReferenceRows.optional(kind));
             ValidationReport report = new ValidationReport(reportBase(kind, file), "参考数据校验报告 " + kind.id(),
                     List.<String[]>of(new String[] {"文件", file.toString()}, new String[] {"类型", kind.id()}))) {
            input.warnings().forEach(report::add);
            long[] rejected = {0};
            int keys = kind.table().keys().size();
            // Each key's line, for the rows the database turns down after the copy.
            Map<List<Object>, Long> lines = new HashMap<>();
            IdNumbers idNumbers = new IdNumbers();
            ReferenceStore.Outcome outcome = store.load(kind, effective, copy -> {
                long pending = 0;
                for (InputRow row : input) {
                    List<Object> values = ReferenceRows.read(kind, row);
                    if (values != null && lines.putIfAbsent(List.copyOf(values.subList(0, keys)), row.line()) != null) {
                        row.problem(kind.columns().get(0), String.valueOf(values.get(0)), "同一主键在文件中重复出现",
                                "the same key appears twice in the file");
                        values = null;
                    }
                    if (values != null && kind == ReferenceKind.MEMBERS) {
                        values = idNumbers.firstHolder(row, values);
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
            }, held -> {
                rejected[0]++;
                report.add(new Problem(input.name(), lines.get(List.of(held.psnNo())), "certno", SafeText.maskId(held.certno()),
                        "身份证号码已登记在人员编号" + held.holder() + "名下",
                        "the ID number is already registered under member number " + held.holder()));
            });
            boolean anything = report.problems() > 0;
            return new Result(outcome, rejected[0], anything ? Optional.of(report.xlsx()) : Optional.empty());
        }
    }

    /** One ID number, one member number, within a members file: a second member number with an ID number is turned down. */
    private static final class IdNumbers {

        private final Map<String, String> holders = new HashMap<>();

        /** The row's values, or {@code null} when an earlier row of the file has its ID number under another member. */
        List<Object> firstHolder(InputRow row, List<Object> values) {
            String psnNo = (String) values.get(0);
            String certno = (String) values.get(2);
            String holder = holders.putIfAbsent(certno, psnNo);
            if (holder == null || holder.equals(psnNo)) {
                return values;
            }
            row.problem("certno", SafeText.maskId(certno), "身份证号码与本文件中人员编号" + holder + "的相同",
                    "the same ID number as member number " + holder + " earlier in this file");
            return null;
        }
    }

    /** Where the report goes: out/reports/, named by the second and the file, never over another one. */
    private Path reportBase(ReferenceKind kind, Path file) {
        return ReportFiles.claim(properties.out().resolve("reports"), LocalDateTime.now(clock)
                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-load-" + kind.id() + "-" + file.getFileName());
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
