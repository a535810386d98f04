package io.medsettle.yearend;

import io.medsettle.reports.Column;
import io.medsettle.reports.ExcelStatement;
import io.medsettle.settlement.AverageProposal;
import io.medsettle.settlement.YearEndLine;

import java.util.List;
import java.util.Map;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes one year-end statement per institution ({@code year-end-<code>-<yyyy>.xlsx}): its months'
 * holdback and unpaid amounts, the release by its score, the compensation, what is paid, and the years
 * behind its proposed average.
 */
class InstitutionYearStatements implements ItemWriter<YearEndLine> {

    static final List<Column> MONTHS = List.of(Column.text("period", "结算期间"), Column.money("pooled", "统筹预留"),
            Column.money("sup", "大额预留"), Column.money("acct", "个账预留"), Column.money("held_back", "预留合计"),
            Column.money("unpaid_over_budget", "超总额未结付"));

    static final List<Column> YEARS = List.of(Column.integer("year", "年度"), Column.integer("discharges", "出院人次"),
            Column.money("cost", "医疗总费用(不含超限额)"), Column.money("actual_avg", "实际均值"));

    private final YearEndRecords.RunHeader run;
    private final YearStatementFolder folder;
    private final YearEndRecords records;
    private final Map<String, List<AverageProposal.YearCost>> costs;

    InstitutionYearStatements(YearEndRecords.RunHeader run, YearStatementFolder folder, YearEndRecords records,
                              Map<String, List<AverageProposal.YearCost>> costs) {
        this.run = run;
        this.folder = folder;
        this.records = records;
        this.costs = costs;
    }

    @Override
    public void write(Chunk<? extends YearEndLine> lines) {
        lines.forEach(this::write);
    }

    private void write(YearEndLine line) {
        try (ExcelStatement book = ExcelStatement.create(folder.institutionWorkbook(line.code()))) {
            ExcelStatement.StatementSheet sheet = book.sheet("年终清算单")
                    .title(run.year() + " 年度年终清算单" + (run.approved() ? "" : " (草稿, 未记账)"))
                    .info("机构", line.code() + " " + line.name())
                    .info("清算批次", run.runId() + (run.approved() ? " (已审批)" : " (预览)"))
                    .info("预留保证金合计", line.held().total())
                    .rate("考核得分 (无预留者无)", line.score().orElse(null))
                    .rate("返还比例", line.score().map(s -> line.release().rate()).orElse(null))
                    .info("返还金额", line.release().released())
                    .info("扣减金额 (退回原基金)", line.release().forfeitedTotal())
                    .info("超总额未结付", line.unpaidOverBudget())
                    .info("超总额补偿 (全额拨付, 不预留)", line.compensation())
                    .info("年终拨付", line.payment())
                    .info("下年度建议均值 (近四年无出院者无)", line.proposed().orElse(null))
                    .blankLine();
            ExcelStatement.Table months = sheet.table(MONTHS);
            records.months(line.code(), run.year()).forEach(m -> months.row(m.period(), m.pooled(), m.supplementary(),
                    m.account(), m.held(), m.unpaid()));
            months.totals("合计", List.of("pooled", "sup", "acct", "held_back", "unpaid_over_budget"));
            months.end();
            ExcelStatement.Table years = sheet.table(YEARS);
            costs.getOrDefault(line.code(), List.of()).forEach(c -> years.row(c.year(), c.discharges(), c.cost(), c.average()));
            years.end();
            sheet.signatures();
        }
    }
}
