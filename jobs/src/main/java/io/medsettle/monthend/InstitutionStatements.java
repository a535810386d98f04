package io.medsettle.monthend;

import io.medsettle.reports.Column;
import io.medsettle.reports.ExcelStatement;
import io.medsettle.reports.SafeText;
import io.medsettle.settlement.AdjustmentLine;
import io.medsettle.settlement.SettledAdjustment;
import io.medsettle.settlement.SettlementLine;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes one workbook per institution line of a run: the settlement statement (结算单), the
 * adjustment lines that name their original settlements, and every discharge of the period with
 * the recomputed and the hospital's figures side by side. The discharges are streamed from the
 * database into a streaming workbook, so a hospital with a hundred thousand discharges a month
 * costs no more memory than one with ten.
 */
class InstitutionStatements implements ItemWriter<MonthEndRecords.RunLine> {

    private static final int FETCH_SIZE = 2_000;
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    static final List<Column> ITEMS = List.of(Column.text("item", "项目"), Column.money("amount", "金额(元)"));

    static final List<Column> DISCHARGES = List.of(
            Column.text("setl_id", "结算ID"), Column.text("mdtrt_id", "就诊ID"), Column.text("psn_no", "人员编号"),
            Column.text("psn_name", "姓名"), Column.text("certno", "证件号码"), Column.date("enddate", "出院日期"),
            Column.text("refd", "冲销"), Column.text("init_setl_id", "原结算ID"), Column.text("eligible", "享受待遇"),
            Column.text("reason", "不享受原因"), Column.money("medfee_sumamt", "医疗总费用"),
            Column.money("preselfpay_amt", "先行自付"), Column.money("inscp_scp_amt", "政策范围内费用"),
            Column.money("act_pay_dedc", "起付线"), Column.money("hifp_pay", "统筹支付(核算)"),
            Column.money("overcap_amt", "超封顶费用"), Column.money("hifob_pay", "大额支付(核算)"),
            Column.money("psn_part_amt", "个人负担(核算)"), Column.money("acct_pay", "个人账户支付"),
            Column.money("rpt_hifp_pay", "统筹支付(申报)"), Column.money("rpt_hifob_pay", "大额支付(申报)"),
            Column.money("rpt_psn_part_amt", "个人负担(申报)"), Column.money("diff_hifp_pay", "统筹差额(核算−申报)"),
            Column.money("diff_hifob_pay", "大额差额(核算−申报)"), Column.money("diff_psn_part_amt", "个人负担差额(核算−申报)"),
            Column.text("diff_flag", "有差异"), Column.text("counted", "计入本期"), Column.text("revision", "核算版本"));

    /**
     * The adjustment lines: each names the settlement, its own period and the month that settled it
     * before, with its signed differences and how each stream of it is paid now and held back.
     */
    static final List<Column> ADJUSTMENTS = List.of(Column.text("kind", "类别"), Column.text("setl_id", "结算ID"),
            Column.text("period", "所属期间"), Column.text("revision", "核算版本"),
            Column.text("cancelled_by", "冲销结算ID"), Column.text("settled_before", "原结算月份"),
            Column.integer("discharges", "出院人次调整"), Column.money("avg_amount", "均值调整"),
            Column.money("member_selfpay", "个人自付调整"), Column.money("hifp_pay", "统筹按实调整"),
            Column.money("pooled", "统筹应结调整"), Column.money("hifob_pay", "大额调整"),
            Column.money("acct_pay", "个账调整"), Column.money("paid_now", "本月拨付"), Column.money("held_back", "预留"));

    /** The totals row of an adjustment table. */
    static final List<String> ADJUSTMENT_TOTALS = List.of("discharges", "avg_amount", "member_selfpay", "hifp_pay",
            "pooled", "hifob_pay", "acct_pay", "paid_now", "held_back");

    private final MonthEndRecords.RunHeader run;
    private final StatementFolder folder;
    private final MonthEndRecords records;
    private final JdbcTemplate jdbc;
    private final WorkbookWorkers workers;

    InstitutionStatements(MonthEndRecords.RunHeader run, StatementFolder folder, MonthEndRecords records,
                          DataSource dataSource, WorkbookWorkers workers) {
        this.run = run;
        this.folder = folder;
        this.records = records;
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.workers = workers;
    }

    @Override
    public void write(Chunk<? extends MonthEndRecords.RunLine> lines) {
        workers.writeEach(List.copyOf(lines.getItems()), this::write);
    }

    private void write(MonthEndRecords.RunLine runLine) {
        SettlementLine line = runLine.line();
        try (ExcelStatement book = ExcelStatement.create(folder.institutionWorkbook(line.code()))) {
            statement(book, runLine);
            adjustments(book, line.code());
            discharges(book, line.code());
        }
    }

    private void statement(ExcelStatement book, MonthEndRecords.RunLine runLine) {
        SettlementLine l = runLine.line();
        ExcelStatement.StatementSheet sheet = book.sheet("结算单");
        sheet.title(l.figures().name() + " " + chineseMonth(run.period()) + " 医疗保险月度结算单"
                        + (run.approved() ? "" : "(草稿)"))
                .info("机构编码", l.code())
                .info("机构名称", l.figures().name())
                .info("医院等级", levelText(runLine.level()))
                .info("开户银行", runLine.bankName())
                .info("银行账号", runLine.bankAccount())
                .info("结算期间", run.period())
                .info("政策方案", run.profile())
                .info("结算方式", run.methodText())
                .info("结算批次", Long.toString(run.runId()))
                .info("状态", run.statusText())
                .info("出院人次", l.figures().discharges())
                .info("核定均值(元)", l.figures().approvedAverage())
                .info("总额控制指标(元)", run.controlTotal().<Object>map(c -> c).orElse("本月未设"))
                .blankLine();
        ExcelStatement.Table items = sheet.table(ITEMS);
        items.row("均值结算总额(出院人次×核定均值)", l.averageAmount())
                .row("参保人员政策内自付", l.figures().memberSelfPay())
                .row("统筹应结(计算值)", l.computedDue())
                .row("统筹应结", l.due())
                .row("统筹按实支付(核算)", l.figures().actualFundPay())
                .row("均值与按实差额(机构结余为正)", l.due().minus(l.figures().actualFundPay()))
                .row("总额控制分配额", l.allocated())
                .row("超总额未结付", l.unpaidOverBudget())
                .row("统筹本月拨付", l.pooled().paidNow())
                .row("统筹预留质量保证金", l.pooled().heldBack())
                .row("大额救助按实结算", l.figures().supplementary())
                .row("大额救助本月拨付", l.supplementary().paidNow())
                .row("大额救助预留质量保证金", l.supplementary().heldBack())
                .row("个人账户按实结算", l.figures().accountSettled())
                .row("个人账户本月拨付", l.account().paidNow())
                .row("个人账户预留质量保证金", l.account().heldBack())
                .row("本月拨付合计", l.paidNow())
                .row("预留质量保证金合计", l.heldBack())
                .row("以前期间调整(" + l.adjustments().lines() + "笔,见调整表):统筹", l.adjustments().pooled().total())
                .row("以前期间调整:大额救助", l.adjustments().supplementary().total())
                .row("以前期间调整:个人账户", l.adjustments().account().total())
                .row("以前期间调整本月拨付", l.adjustments().paidNow())
                .row("以前期间调整预留质量保证金", l.adjustments().heldBack())
                .row("上期结转欠款(本月抵扣)", l.payment().owedBroughtForward())
                .row("本月实付(抵扣欠款后)", l.payment().paid())
                .row("结转下期欠款", l.payment().owedCarriedForward())
                .end();
        sheet.note(PaidNowNote.STATEMENT.text(run)).signatures();
    }

    private void adjustments(ExcelStatement book, String code) {
        List<SettledAdjustment> mine = records.adjustments(run.runId(), code);
        if (mine.isEmpty()) {
            return;
        }
        ExcelStatement.StatementSheet sheet = book.sheet("调整");
        sheet.title("以前期间结算的调整(补报、重新核算、冲销),在本期结算");
        ExcelStatement.Table table = sheet.table(ADJUSTMENTS);
        mine.forEach(a -> table.row(adjustmentCells(a)));
        table.totals("合计", ADJUSTMENT_TOTALS).end();
    }

    /** An adjustment line's cells in {@link #ADJUSTMENTS} order. */
    static Object[] adjustmentCells(SettledAdjustment settled) {
        AdjustmentLine a = settled.line();
        return new Object[] {a.kind().text(), a.setlId(), a.period().toString(), Integer.toString(a.revision()),
                a.cancelledBy().orElse(null), a.settledBefore().map(YearMonth::toString).orElse(null), a.discharges(),
                a.averageAmount(), a.memberSelfPay(), a.fundPay(), settled.pooledAmount(), a.supplementary(),
                a.account(), settled.paidNow(), settled.heldBack()};
    }

    private void discharges(ExcelStatement book, String code) {
        ExcelStatement.StatementSheet sheet = book.sheet("出院明细");
        sheet.title("出院结算明细 " + run.period() + "(核算与申报对照,按本次结算所用的核算版本)");
        ExcelStatement.Table table = sheet.table(DISCHARGES);
        // Each settlement with the figures this run settled (its settled line's revision); a
        // cancellation row, which is never settled itself, with its latest figures.
        jdbc.query("""
                        select s.setl_id, s.mdtrt_id, s.psn_no, m.psn_name, m.certno, s.enddate, s.refd_setl_flag,
                               s.init_setl_id, f.eligible, f.reason, s.medfee_sumamt, f.preselfpay_amt, f.inscp_scp_amt,
                               f.act_pay_dedc, f.hifp_pay, f.overcap_amt, f.hifob_pay, f.psn_part_amt, f.acct_pay,
                               s.rpt_hifp_pay, s.rpt_hifob_pay, s.rpt_psn_part_amt, f.diff_flag, f.revision,
                               coalesce(l.counted, false) as counted
                          from settlement s
                          left join settled_line l on l.fixmedins_code = s.fixmedins_code and l.setl_id = s.setl_id
                                                  and l.run_id = ?
                          join settlement_figures f on f.fixmedins_code = s.fixmedins_code and f.setl_id = s.setl_id
                               and f.revision = coalesce(l.revision,
                                       (select max(r.revision) from settlement_revision r
                                         where r.fixmedins_code = s.fixmedins_code and r.setl_id = s.setl_id), 1)
                          left join member m on m.psn_no = s.psn_no and m.valid_from <= s.enddate
                                            and (m.valid_to is null or m.valid_to > s.enddate)
                         where s.fixmedins_code = ? and s.period = ?
                         order by s.setl_time, s.setl_id""",
                rs -> {
                    table.row(rs.getString("setl_id"), rs.getString("mdtrt_id"), rs.getString("psn_no"),
                            rs.getString("psn_name"), rs.getString("certno") == null ? null : SafeText.maskId(rs.getString("certno")),
                            rs.getDate("enddate").toLocalDate(), yesNo(rs.getBoolean("refd_setl_flag")),
                            rs.getString("init_setl_id"), yesNo(rs.getBoolean("eligible")), rs.getString("reason"),
                            rs.getBigDecimal("medfee_sumamt"), rs.getBigDecimal("preselfpay_amt"),
                            rs.getBigDecimal("inscp_scp_amt"), rs.getBigDecimal("act_pay_dedc"),
                            rs.getBigDecimal("hifp_pay"), rs.getBigDecimal("overcap_amt"), rs.getBigDecimal("hifob_pay"),
                            rs.getBigDecimal("psn_part_amt"), rs.getBigDecimal("acct_pay"),
                            rs.getBigDecimal("rpt_hifp_pay"), rs.getBigDecimal("rpt_hifob_pay"),
                            rs.getBigDecimal("rpt_psn_part_amt"), difference(rs, "hifp_pay"),
                            difference(rs, "hifob_pay"), difference(rs, "psn_part_amt"),
                            yesNo(rs.getBoolean("diff_flag")), yesNo(rs.getBoolean("counted")),
                            Integer.toString(rs.getInt("revision")));
                },
                run.runId(), code, run.period().toString());
        table.totals("合计", List.of("medfee_sumamt", "preselfpay_amt", "inscp_scp_amt", "act_pay_dedc", "hifp_pay",
                "overcap_amt", "hifob_pay", "psn_part_amt", "acct_pay", "rpt_hifp_pay", "rpt_hifob_pay",
                "rpt_psn_part_amt", "diff_hifp_pay", "diff_hifob_pay", "diff_psn_part_amt")).end();
    }

    /** Recomputed minus reported; empty where the hospital did not report the figure. */
    private static BigDecimal difference(ResultSet rs, String column) throws SQLException {
        BigDecimal reported = rs.getBigDecimal("rpt_" + column);
        return reported == null ? null : rs.getBigDecimal(column).subtract(reported);
    }

    private static String yesNo(boolean value) {
        return value ? "是" : "否";
    }

    static String levelText(int level) {
        return switch (level) {
            case 1 -> "一级";
            case 2 -> "二级";
            case 3 -> "三级";
            default -> "未定级";
        };
    }

    static String chineseMonth(YearMonth period) {
        return period.getYear() + "年" + period.getMonthValue() + "月";
    }
}
