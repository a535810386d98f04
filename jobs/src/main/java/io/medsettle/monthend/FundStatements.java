package io.medsettle.monthend;

import io.medsettle.accountbook.MonthlyAllocation;
import io.medsettle.ledger.Money;
import io.medsettle.reports.Column;
import io.medsettle.reports.ColumnChart;
import io.medsettle.reports.CsvStatement;
import io.medsettle.reports.ExcelStatement;
import io.medsettle.runs.LedgerEntries;
import io.medsettle.settlement.SettledAdjustment;
import io.medsettle.settlement.SettlementLine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;


/**
 * The finance department's statements of a run: the fund summary workbook (one row per
 * institution with formula totals, the budget line, a chart of due against allocated, and the
 * run's ledger postings), the settlement CSV in the columns of formats.md, and the payment order.
 */
class FundStatements {

    /**
     * The columns of {@code settlement-<yyyy-MM>.csv}: formats.md's, the period's own figures as
     * DOMAIN.md §2 computes them; then the optional columns of the adjustment lines of earlier periods
     * settled in the run (each stream's total, what of them is paid now and held back) and of the
     * payment after what the institution owed (docs/month-end.md).
     */
    static final List<Column> SETTLEMENT = List.of(
            Column.text("fixmedins_code", "机构编码"), Column.text("fixmedins_name", "机构名称"),
            Column.integer("discharges", "出院人次"), Column.money("approved_avg", "核定均值"),
            Column.money("avg_amount", "均值总额"), Column.money("member_selfpay", "个人自付"),
            Column.money("due", "统筹应结"), Column.money("actual_fund_pay", "统筹按实"),
            Column.money("control_total", "总额控制指标"), Column.money("allocated", "分配额"),
            Column.money("unpaid_over_budget", "超总额未结付"), Column.money("paid_now", "本月拨付"),
            Column.money("held_back", "预留保证金"), Column.money("sup_actual", "大额按实"),
            Column.money("acct_settled", "个账按实"),
            Column.integer("adjustment_lines", "调整笔数"), Column.money("adjustment_pooled", "统筹调整"),
            Column.money("adjustment_sup", "大额调整"), Column.money("adjustment_acct", "个账调整"),
            Column.money("adjustment_paid_now", "调整本月拨付"), Column.money("adjustment_held_back", "调整预留"),
            Column.money("owed_brought_forward", "上期结转欠款"), Column.money("payment", "本月实付"),
            Column.money("owed_carried_forward", "结转下期欠款"));

    /**
     * What the bank pays: the streams' parts paid now and the adjustments', less what was owed
     * before; then where it goes (empty when the institutions file gave no bank). The bank columns
     * come last so that a finance system importing the earlier columns by position reads them as before.
     */
    static final List<Column> PAYMENT_ORDER = List.of(Column.text("fixmedins_code", "机构编码"),
            Column.text("fixmedins_name", "机构名称"), Column.text("period", "结算期间"),
            Column.money("pooled_paid_now", "统筹拨付"), Column.money("sup_paid_now", "大额拨付"),
            Column.money("acct_paid_now", "个账拨付"), Column.money("adjustment_paid_now", "以前期间调整"),
            Column.money("owed_netted", "抵扣欠款"), Column.money("payment", "实付金额"),
            Column.text("run_id", "结算批次"), Column.text("bank_name", "开户银行"),
            Column.text("bank_account", "银行账号"));

    /** The payment order's last row sums every amount, so that the bank's total can be checked against it. */
    static final List<String> PAYMENT_ORDER_TOTALS = List.of("pooled_paid_now", "sup_paid_now", "acct_paid_now",
            "adjustment_paid_now", "owed_netted", "payment");

    private FundStatements() {
    }

    /** The allocation into the members' accounts, by category, age band and source. */
    static final List<Column> ALLOCATION = List.of(Column.text("source", "来源"), Column.text("category", "人员类别"),
            Column.text("band", "年龄段"), Column.integer("members", "人数"), Column.money("amount", "划入金额"));

    static void write(StatementFolder folder, MonthEndRecords.RunHeader run, List<MonthEndRecords.RunLine> lines,
                      List<SettledAdjustment> adjustments, List<MonthlyAllocation.SummaryLine> allocation,
                      List<LedgerEntries.Row> postings) {
        summaryWorkbook(folder, run, lines, adjustments, allocation, postings);
        try (CsvStatement csv = CsvStatement.create(folder.allocationCsv(), ALLOCATION)) {
            allocation.forEach(a -> csv.row(allocationCells(a)));
        }
        settlementCsv(folder, lines);
        paymentOrderCsv(folder, run, lines);
    }

    /** A line's figures by the names of {@link #SETTLEMENT}, so that each sheet picks its own columns. */
    private static Map<String, Object> settlementFigures(SettlementLine l) {
        Map<String, Object> figures = new HashMap<>();
        figures.put("fixmedins_code", l.code());
        figures.put("fixmedins_name", l.figures().name());
        figures.put("discharges", l.figures().discharges());
        // DOMAIN.md §2: an institution without discharges in the period (a pharmacy) has no average.
        figures.put("approved_avg", l.figures().discharges() == 0 ? null : l.figures().approvedAverage());
        figures.put("avg_amount", l.averageAmount());
        figures.put("member_selfpay", l.figures().memberSelfPay());
        figures.put("due", l.due());
        figures.put("actual_fund_pay", l.figures().actualFundPay());
        figures.put("control_total", l.controlTotal().orElse(null));
        figures.put("allocated", l.allocated());
        figures.put("unpaid_over_budget", l.unpaidOverBudget());
        figures.put("paid_now", l.paidNow());
        figures.put("held_back", l.heldBack());
        figures.put("sup_actual", l.figures().supplementary());
        figures.put("acct_settled", l.figures().accountSettled());
        figures.put("adjustment_lines", l.adjustments().lines());
        figures.put("adjustment_pooled", l.adjustments().pooled().total());
        figures.put("adjustment_sup", l.adjustments().supplementary().total());
        figures.put("adjustment_acct", l.adjustments().account().total());
        figures.put("adjustment_paid_now", l.adjustments().paidNow());
        figures.put("adjustment_held_back", l.adjustments().heldBack());
        figures.put("owed_brought_forward", l.payment().owedBroughtForward());
        figures.put("payment", l.payment().paid());
        figures.put("owed_carried_forward", l.payment().owedCarriedForward());
        return figures;
    }

    private static Object[] row(List<Column> columns, SettlementLine l) {
        Map<String, Object> figures = settlementFigures(l);
        return columns.stream().map(c -> figures.get(c.name())).toArray();
    }

    private static void summaryWorkbook(StatementFolder folder, MonthEndRecords.RunHeader run,
                                        List<MonthEndRecords.RunLine> lines,
                                        List<SettledAdjustment> adjustments,
                                        List<MonthlyAllocation.SummaryLine> allocation,
                                        List<LedgerEntries.Row> postings) {
        try (ExcelStatement book = ExcelStatement.createInMemory(folder.fundSummary())) {
            Money due = Money.sum(lines.stream().map(l -> l.line().due()).toList());
            Money allocated = Money.sum(lines.stream().map(l -> l.line().allocated()).toList());
            ExcelStatement.StatementSheet sheet = book.sheet("汇总");
            sheet.title("医疗保险基金 " + InstitutionStatements.chineseMonth(run.period()) + " 定点机构月度结算汇总表"
                            + (run.approved() ? "" : "(草稿)"))
                    .info("结算期间", run.period())
                    .info("政策方案", run.profile())
                    .info("结算方式", run.methodText())
                    .info("预留比例", run.holdbackText())
                    .info("结算批次", Long.toString(run.runId()))
                    .info("状态", run.statusText())
                    .info("总额控制指标(元)", run.controlTotal().<Object>map(c -> c).orElse("本月未设(应结全额分配)"))
                    .info("统筹应结合计(元)", due)
                    .info("分配合计(元)", allocated)
                    .info("超总额未结付合计(元)", due.minus(allocated))
                    .info("总额控制", run.controlTotal().map(c -> due.isGreaterThan(c) ? "应结超过指标，按比例分配" : "未超指标，按应结分配")
                            .orElse("未设指标"))
                    .blankLine();
            ExcelStatement.Table table = sheet.table(summaryColumns());
            lines.forEach(l -> table.row(row(summaryColumns(), l.line())));
            table.totals("合计", List.of("discharges", "avg_amount", "member_selfpay", "due", "actual_fund_pay",
                    "allocated", "unpaid_over_budget", "paid_now", "held_back", "sup_actual", "acct_settled",
                    "adjustment_lines", "adjustment_pooled", "adjustment_sup", "adjustment_acct", "adjustment_paid_now",
                    "adjustment_held_back", "owed_brought_forward", "payment", "owed_carried_forward"));
            table.end();
            sheet.note(PaidNowNote.SUMMARY.text(run)).signatures();
            if (!lines.isEmpty()) {
                chart(book, sheet, table, lines.size());
            }
            // The summary and its chart stay in memory (the chart reads the summary's cells); the
            // adjustment lines and the ledger postings, which grow with the run, stream.
            book.streamFromHere();
            if (!adjustments.isEmpty()) {
                ExcelStatement.StatementSheet adjustmentSheet = book.sheet("调整");
                adjustmentSheet.title("以前期间结算的调整(补报、重新核算、冲销),在本期结算");
                ExcelStatement.Table adjustmentTable = adjustmentSheet.table(ADJUSTMENTS);
                for (SettledAdjustment a : adjustments) {
                    Object[] cells = InstitutionStatements.adjustmentCells(a);
                    Object[] row = new Object[cells.length + 1];
                    row[0] = a.line().institution();
                    System.arraycopy(cells, 0, row, 1, cells.length);
                    adjustmentTable.row(row);
                }
                adjustmentTable.totals("合计", InstitutionStatements.ADJUSTMENT_TOTALS).end();
            }
            ExcelStatement.StatementSheet allocationSheet = book.sheet("个人账户划入");
            allocationSheet.title("个人账户划入 " + run.period() + (run.approved() ? "(已记账)" : "(草稿,审核时记账)"));
            ExcelStatement.Table allocationTable = allocationSheet.table(ALLOCATION);
            allocation.forEach(a -> allocationTable.row(allocationCells(a)));
            allocationTable.totals("合计", List.of("members", "amount")).end();
            ExcelStatement.StatementSheet ledgerSheet = book.sheet("记账凭证");
            ledgerSheet.title(run.approved() ? "本次结算的记账凭证(取自总账)" : "审核后将记账的凭证(草稿，尚未记账)");
            ExcelStatement.Table entries = ledgerSheet.table(LedgerEntries.COLUMNS);
            postings.forEach(p -> entries.row(p.cells()));
            entries.totals("合计", List.of("debit", "credit")).end();
        }
    }

    /** The adjustment lines of every institution, for the finance department. */
    static final List<Column> ADJUSTMENTS = java.util.stream.Stream.concat(
            java.util.stream.Stream.of(Column.text("fixmedins_code", "机构编码")),
            InstitutionStatements.ADJUSTMENTS.stream()).toList();

    private static Object[] allocationCells(MonthlyAllocation.SummaryLine a) {
        String source = "contribution".equals(a.source()) ? "缴费划入" : "退休人员划入";
        String category = switch (a.category()) {
            case "in_service" -> "在职";
            case "retired" -> "退休";
            case "flexible" -> "灵活就业";
            default -> a.category();
        };
        return new Object[] {source, category, a.band(), a.members(), a.amount()};
    }

    /** The summary sheet shows the control total once, in the header block, not on every row. */
    private static List<Column> summaryColumns() {
        return SETTLEMENT.stream().filter(c -> !c.name().equals("control_total")).toList();
    }

    /** A column chart of each institution's due against its allocation, on a sheet of its own. */
    private static void chart(ExcelStatement book, ExcelStatement.StatementSheet data, ExcelStatement.Table table,
                              int institutions) {
        List<Column> columns = summaryColumns();
        ColumnChart.draw(book, "图表", "各机构统筹应结与分配额", data, table, columns, institutions,
                ColumnChart.indexOf(columns, "fixmedins_name"),
                List.of(ColumnChart.indexOf(columns, "due"), ColumnChart.indexOf(columns, "allocated")));
    }

    private static void settlementCsv(StatementFolder folder, List<MonthEndRecords.RunLine> lines) {
        try (CsvStatement csv = CsvStatement.create(folder.settlementCsv(), SETTLEMENT)) {
            lines.forEach(l -> csv.row(row(SETTLEMENT, l.line())));
        }
    }

    /**
     * What the bank pays each institution now, and into which account; institutions with nothing
     * to pay are left out. The last row (合计) sums the amounts.
     */
    private static void paymentOrderCsv(StatementFolder folder, MonthEndRecords.RunHeader run,
                                        List<MonthEndRecords.RunLine> lines) {
        try (CsvStatement csv = CsvStatement.create(folder.paymentOrderCsv(), PAYMENT_ORDER)) {
            for (MonthEndRecords.RunLine runLine : lines) {
                SettlementLine l = runLine.line();
                if (l.payment().paid().isPositive()) {
                    csv.row(l.code(), l.figures().name(), run.period().toString(), l.pooled().paidNow(),
                            l.supplementary().paidNow(), l.account().paidNow(), l.adjustments().paidNow(),
                            l.payment().owedBroughtForward().minus(l.payment().owedCarriedForward()),
                            l.payment().paid(), Long.toString(run.runId()), runLine.bankName(), runLine.bankAccount());
                }
            }
            csv.totals("合计", PAYMENT_ORDER_TOTALS);
        }
    }
}
