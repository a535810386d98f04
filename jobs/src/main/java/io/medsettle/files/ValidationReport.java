package io.medsettle.files;

import io.medsettle.reports.Column;
import io.medsettle.reports.CsvStatement;
import io.medsettle.reports.ExcelStatement;

import java.nio.file.Path;
import java.util.List;

/**
 * The report a hospital gets back for a file: every problem with its line, column, value and
 * reason, in Chinese and English, as CSV (for its system) and Excel (for its clerk), side by side.
 * Rows are written as they come, so a report of hundreds of thousands of problems streams.
 */
public final class ValidationReport implements AutoCloseable {

    static final List<Column> COLUMNS = List.of(
            Column.text("file", "文件"), Column.integer("line", "行号"), Column.text("column", "列名"),
            Column.text("value", "值"), Column.text("reason_zh", "原因"), Column.text("reason_en", "Reason"));

    private final Path csvPath;
    private final Path xlsxPath;
    private final CsvStatement csv;
    private final ExcelStatement excel;
    private final ExcelStatement.Table table;
    private long problems;

    /** Writes {@code <base>.csv} and {@code <base>.xlsx}; the header block says which file and when. */
    public ValidationReport(Path base, String title, List<String[]> info) {
        this.csvPath = base.resolveSibling(base.getFileName() + ".csv");
        this.xlsxPath = base.resolveSibling(base.getFileName() + ".xlsx");
        this.csv = CsvStatement.create(csvPath, COLUMNS);
        this.excel = ExcelStatement.create(xlsxPath);
        ExcelStatement.StatementSheet sheet = excel.sheet("校验报告").title(title);
        info.forEach(line -> sheet.info(line[0], line[1]));
        sheet.blankLine();
        this.table = sheet.table(COLUMNS);
    }

    public void add(Problem problem) {
        problems++;
        Object[] row = {problem.file(), problem.line(), problem.column(), problem.value(), problem.reasonZh(),
                problem.reasonEn()};
        csv.row(row);
        table.row(row);
    }

    public long problems() {
        return problems;
    }

    public Path csv() {
        return csvPath;
    }

    public Path xlsx() {
        return xlsxPath;
    }

    @Override
    public void close() {
        table.end();
        csv.close();
        excel.close();
    }
}
