package io.medsettle.accountbook;

import io.medsettle.files.FileFingerprint;
import io.medsettle.files.InputFile;
import io.medsettle.files.InputRow;
import io.medsettle.files.Problem;
import io.medsettle.files.ReportFiles;
import io.medsettle.files.ValidationReport;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * One load of an account file: the file opened (encoding detected, header checked), its report
 * under {@code out/reports/} collecting every rejected row with its reason, and the counts.
 */
final class LoadSession implements AutoCloseable {

    private final InputFile input;
    private final ValidationReport report;
    private final String sha256;
    private long rows;
    private long rejected;

    private LoadSession(InputFile input, ValidationReport report, String sha256) {
        this.input = input;
        this.report = report;
        this.sha256 = sha256;
    }

    /**
     * @throws io.medsettle.files.FileRejectedException for an unreadable file or an unusable header
     */
    static LoadSession open(AccountFileKind kind, Path file, Path out, Clock clock) {
        FileFingerprint fingerprint = FileFingerprint.of(file);
        InputFile input = InputFile.open(file, fingerprint, kind.required(), kind.optional());
        Path base = ReportFiles.claim(out.resolve("reports"), LocalDateTime.now(clock)
                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-load-" + kind.id() + "-" + file.getFileName());
        ValidationReport report = new ValidationReport(base, "个人账户数据校验报告 " + kind.id(),
                List.<String[]>of(new String[] {"文件", file.toString()}, new String[] {"类型", kind.id()}));
        input.warnings().forEach(report::add);
        return new LoadSession(input, report, fingerprint.sha256());
    }

    /** The file's rows, counted as they are read. */
    Iterable<InputRow> rows() {
        return () -> {
            var it = input.iterator();
            return new java.util.Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public InputRow next() {
                    rows++;
                    return it.next();
                }
            };
        };
    }

    String name() {
        return input.name();
    }

    /** The file's content hash: a batch's key in the ledger, so that the same file never posts twice. */
    String sha256() {
        return sha256;
    }

    /** A row with problems of its own: not loaded. */
    void reject(InputRow row) {
        rejected++;
        row.problems().forEach(report::add);
    }

    /** A row turned down after it was read (a lookup, a balance). */
    void reject(long line, String column, String value, String reasonZh, String reasonEn) {
        rejected++;
        report.add(new Problem(input.name(), line, column, value, reasonZh, reasonEn));
    }

    LoadResult result(long loaded, long unchanged) {
        return new LoadResult(rows, loaded, unchanged, rejected,
                report.problems() > 0 ? Optional.of(report.xlsx()) : Optional.empty());
    }

    @Override
    public void close() {
        try {
            report.close();
        } finally {
            input.close();
        }
    }
}
