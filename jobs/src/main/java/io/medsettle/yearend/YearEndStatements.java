package io.medsettle.yearend;

import io.medsettle.accounts.InterestMethod;
import io.medsettle.accounts.InterestRates;
import io.medsettle.ledger.Money;
import io.medsettle.reports.Column;
import io.medsettle.reports.ColumnChart;
import io.medsettle.reports.CsvStatement;
import io.medsettle.reports.ExcelStatement;
import io.medsettle.runs.LedgerEntries;
import io.medsettle.settlement.AverageProposal;
import io.medsettle.settlement.YearEndLine;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * The finance department's year-end statements: the year-end workbook (the summary with formula
 * totals, the interest and its rates, a chart of released against held, the years behind each
 * proposal, the ledger postings), {@code year-end-<yyyy>.csv} as formats.md, the payment order and
 * next year's proposed averages as an {@code approved-averages.csv}.
 */
final class YearEndStatements {

    /** formats.md's {@code year-end-<yyyy>.csv}. */
    static final List<Column> YEAR_END = List.of(Column.text("fixmedins_code", "机构编码"),
            Column.text("fixmedins_name", "机构名称"), Column.money("held_back", "预留保证金"),
            Column.decimal("score", "考核得分"), Column.decimal("release_rate", "返还比例"), Column.money("released", "返还金额"),
            Column.money("forfeited", "扣减金额"), Column.money("unpaid_over_budget", "超总额未结付"),
            Column.money("compensation", "超总额补偿"), Column.money("proposed_avg", "下年度建议均值"));

    /** The summary sheet: the CSV's columns with the year's discharges and what is paid. */
    static final List<Column> SUMMARY = List.of(Column.text("fixmedins_code", "机构编码"),
            Column.text("fixmedins_name", "机构名称"), Column.money("held_back", "预留保证金"),
            Column.decimal("score", "考核得分"), Column.decimal("release_rate", "返还比例"), Column.money("released", "返还金额"),
            Column.money("forfeited", "扣减金额"), Column.money("unpaid_over_budget", "超总额未结付"),
            Column.money("compensation", "超总额补偿"), Column.money("payment", "年终拨付"),
            Column.integer("discharges", "本年出院人次"), Column.money("proposed_avg", "下年度建议均值"));

    static final List<Column> PAYMENT_ORDER = List.of(Column.text("fixmedins_code", "机构编码"),
            Column.text("fixmedins_name", "机构名称"), Column.text("year", "清算年度"),
            Column.money("released", "返还质量保证金"), Column.money("compensation", "超总额补偿"),
            Column.money("payment", "实付金额"), Column.text("run_id", "清算批次"), Column.text("bank_name", "开户银行"),
            Column.text("bank_account", "银行账号"));

    static final List<Column> APPROVED_AVERAGES = List.of(Column.text("fixmedins_code", "机构编码"),
            Column.integer("year", "年度"), Column.money("approved_avg", "核定均值"));

    static final List<Column> PROPOSAL_YEARS = List.of(Column.text("fixmedins_code", "机构编码"),
            Column.text("fixmedins_name", "机构名称"), Column.integer("year", "年度"), Column.integer("discharges", "出院人次"),
            Column.money("cost", "医疗总费用(不含超限额)"), Column.money("actual_avg", "实际均值"));

    static final List<Column> RATES = List.of(Column.date("effective_date", "生效日期"), Column.text("kind", "利率种类"),
            Column.decimal("annual_rate", "年利率"));

    static final List<Column> MONTHLY_RATES = List.of(Column.text("month", "月份"), Column.decimal("demand", "活期利率(月初)"),
            Column.decimal("time_3m", "三个月定期利率(月初)"), Column.text("changes", "月内调整"));

    private YearEndStatements() {
    }

    static void write(YearStatementFolder folder, YearEndRecords.RunHeader run, YearEndSummary summary,
                      List<YearEndLine> lines, Map<String, List<AverageProposal.YearCost>> costs,
                      List<InterestRates.Rate> rates, InterestRates schedule, List<LedgerEntries.Row> postings,
                      Map<String, List<String>> banks) {
        workbook(folder, run, summary, lines, costs, rates, schedule, postings);
        try (CsvStatement csv = CsvStatement.create(folder.yearEndCsv(), YEAR_END)) {
            lines.stream().filter(YearEndStatements::settled).forEach(l -> csv.row(l.code(), l.name(), l.held().total(),
                    l.score().orElse(null), l.score().map(s -> l.release().rate()).orElse(null), l.release().released(),
                    l.release().forfeitedTotal(), l.unpaidOverBudget(), l.compensation(), l.proposed().orElse(null)));
        }
        try (CsvStatement csv = CsvStatement.create(folder.paymentOrderCsv(), PAYMENT_ORDER)) {
            List<YearEndLine> paid = lines.stream().filter(l -> l.payment().isPositive()).toList();
            paid.forEach(l -> {
                List<String> bank = banks.getOrDefault(l.code(), java.util.Arrays.asList(null, null));
                csv.row(l.code(), l.name(), Integer.toString(run.year()), l.release().released(), l.compensation(),
                        l.payment(), Long.toString(run.runId()), bank.get(0), bank.get(1));
            });
            // The last row sums every amount, so that the bank's total can be checked against it.
            csv.row("合计", null, Integer.toString(run.year()), Money.sum(paid.stream().map(l -> l.release().released()).toList()),
                    Money.sum(paid.stream().map(YearEndLine::compensation).toList()),
                    Money.sum(paid.stream().map(YearEndLine::payment).toList()), Long.toString(run.runId()), null, null);
        }
        try (CsvStatement csv = CsvStatement.create(folder.approvedAveragesCsv(), APPROVED_AVERAGES)) {
            lines.stream().filter(l -> l.proposed().isPresent())
                    .forEach(l -> csv.row(l.code(), run.year() + 1, l.proposed().get()));
        }
    }

    /** A line of formats.md's year-end CSV: an institution with anything held back or unpaid in the year. */
    static boolean settled(YearEndLine line) {
        return !line.held().total().isZero() || !line.unpaidOverBudget().isZero();
    }

    private static void workbook(YearStatementFolder folder, YearEndRecords.RunHeader run, YearEndSummary summary,
                                 List<YearEndLine> lines, Map<String, List<AverageProposal.YearCost>> costs,
                                 List<InterestRates.Rate> rates, InterestRates schedule, List<LedgerEntries.Row> postings) {
        try (ExcelStatement book = ExcelStatement.createInMemory(folder.fundWorkbook())) {
            ExcelStatement.StatementSheet sheet = book.sheet("年终清算汇总")
                    .title(run.year() + " 年度定点医疗机构年终清算汇总表" + (run.approved() ? "" : " (草稿, 未记账)"))
                    .info("清算年度", Integer.toString(run.year()))
                    .info("政策", run.profile())
                    .info("清算批次", run.runId() + (run.approved() ? " (已审批)" : " (预览)"))
                    .info("记账日期", run.postingDate())
                    .info("统筹基金预算结余", summary.surplus())
                    .info("超总额未结付合计", summary.unpaidOverBudget())
                    .info("超总额补偿合计", summary.compensation())
                    .info("预留保证金合计", summary.heldBack())
                    .info("返还合计", summary.released())
                    .info("扣减合计", summary.forfeited())
                    .info("年终拨付合计", summary.payment())
                    .info("个人账户计息户数", summary.interestAccounts())
                    .info("个人账户利息合计", summary.interest())
                    .blankLine();
            List<YearEndLine> settled = lines.stream().filter(YearEndStatements::settled).toList();
            ExcelStatement.Table table = sheet.table(SUMMARY);
            settled.forEach(l -> table.row(l.code(), l.name(), l.held().total(), l.score().orElse(null),
                    l.score().map(s -> l.release().rate()).orElse(null), l.release().released(), l.release().forfeitedTotal(),
                    l.unpaidOverBudget(), l.compensation(), l.payment(), l.discharges(), l.proposed().orElse(null)));
            table.totals("合计", List.of("held_back", "released", "forfeited", "unpaid_over_budget", "compensation",
                    "payment", "discharges"));
            table.end();
            sheet.note("年终拨付 = 返还金额 + 超总额补偿, 全额拨付, 不再预留。返还金额 = round2(预留保证金 × 返还比例), 返还比例按考核得分"
                    + " (政策档案 year_end.release); 扣减金额按各基金预留比例退回原基金。超总额补偿: 预算结余不少于未结付合计时全额补偿,"
                    + " 不足时按未结付比例分配 (最大余数法)。")
                    .signatures();
            if (!settled.isEmpty()) {
                ColumnChart.draw(book, "图表", "各机构预留保证金与返还金额", sheet, table, SUMMARY, settled.size(),
                        ColumnChart.indexOf(SUMMARY, "fixmedins_name"),
                        List.of(ColumnChart.indexOf(SUMMARY, "held_back"), ColumnChart.indexOf(SUMMARY, "released")));
            }
            interestSheet(book, run, summary, rates, schedule);
            ExcelStatement.StatementSheet years = book.sheet("均值测算")
                    .title(run.year() + 1 + " 年度核定均值建议 (近四年实际均值的平均 × (1 + 增长率))")
                    .rate("增长率", run.growth())
                    .blankLine();
            ExcelStatement.Table proposals = years.table(PROPOSAL_YEARS);
            lines.forEach(l -> costs.getOrDefault(l.code(), List.of()).forEach(c -> proposals.row(l.code(), l.name(),
                    c.year(), c.discharges(), c.cost(), c.average())));
            proposals.end();
            ExcelStatement.StatementSheet ledger = book.sheet("记账凭证")
                    .title(run.year() + " 年终清算记账凭证" + (run.approved() ? "" : " (草稿: 审批时将记账的分录)"));
            ExcelStatement.Table entries = ledger.table(LedgerEntries.COLUMNS);
            postings.forEach(p -> entries.row(p.cells()));
            entries.totals("合计", List.of("debit", "credit"));
            entries.end();
        }
    }

    /** The interest of the year: the method, the rate table used and the rate in force each month. */
    private static void interestSheet(ExcelStatement book, YearEndRecords.RunHeader run, YearEndSummary summary,
                                      List<InterestRates.Rate> rates, InterestRates schedule) {
        boolean split = run.method() == InterestMethod.SPLIT_RATE;
        ExcelStatement.StatementSheet sheet = book.sheet("个人账户计息")
                .title(run.year() + " 年度个人账户计息 (" + (split ? "分段计息: 当年划入按活期, 历年结转按三个月定期"
                        : "按日积数, 居民活期存款利率") + ")")
                .info("计息方法", split ? "split_rate" : "daily_balance")
                .info("计息期间", run.year() + "-01-01 至 " + run.year() + "-12-31 (实际天数/360), 起息日 " + run.year() + "-12-31")
                .info("计息户数", summary.interestAccounts())
                .info("利息合计", summary.interest())
                .blankLine();
        ExcelStatement.Table used = sheet.table(RATES);
        LocalDate first = LocalDate.of(run.year(), 1, 1);
        LocalDate last = LocalDate.of(run.year(), 12, 31);
        for (InterestRates.Rate rate : rates) {
            boolean inForce = !rate.effectiveDate().isAfter(last) && rates.stream().noneMatch(other -> other.kind() == rate.kind()
                    && other.effectiveDate().isAfter(rate.effectiveDate()) && !other.effectiveDate().isAfter(first));
            if (inForce && (split || rate.kind() == InterestRates.Kind.DEMAND)) {
                used.row(rate.effectiveDate(), rate.kind().code(), rate.annualRate());
            }
        }
        used.end();
        ExcelStatement.Table months = sheet.table(MONTHLY_RATES);
        for (int m = 1; m <= 12; m++) {
            YearMonth month = YearMonth.of(run.year(), m);
            StringBuilder changes = new StringBuilder();
            rates.stream().filter(r -> YearMonth.from(r.effectiveDate()).equals(month) && r.effectiveDate().getDayOfMonth() > 1)
                    .forEach(r -> changes.append(changes.isEmpty() ? "" : "; ").append(r.effectiveDate()).append(" 起 ")
                            .append(r.kind().code()).append(' ').append(r.annualRate().toPlainString()));
            months.row(month.toString(), rateOn(schedule, InterestRates.Kind.DEMAND, month.atDay(1)),
                    split ? rateOn(schedule, InterestRates.Kind.TIME_3M, month.atDay(1)) : null, changes.toString());
        }
        months.end();
    }

    private static BigDecimal rateOn(InterestRates schedule, InterestRates.Kind kind, LocalDate day) {
        try {
            return schedule.on(kind, day);
        } catch (IllegalStateException none) {
            return null;
        }
    }
}
