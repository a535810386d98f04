package io.medsettle.monthend;

import io.medsettle.accountbook.MonthlyAllocation;
import io.medsettle.ledger.JournalEntry;
import io.medsettle.ledger.Money;
import io.medsettle.settlement.AdjustmentLine;
import io.medsettle.settlement.AdjustmentTotals;
import io.medsettle.settlement.Holdback;
import io.medsettle.settlement.InstitutionMonth;
import io.medsettle.settlement.Payment;
import io.medsettle.settlement.SettledAdjustment;
import io.medsettle.settlement.SettlementLine;
import io.medsettle.settlement.SettlementMethod;
import io.medsettle.settlement.SettlementPostings;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads a stored month-end run back: its header, its lines and its ledger postings. Statements
 * are written from what was stored (and, once approved, posted), never from a second computation,
 * so that every figure in them is the figure in the books.
 */
@Repository
class MonthEndRecords {

    private final JdbcClient jdbc;

    MonthEndRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A run as stored in {@code month_end_run}. */
    record RunHeader(long runId, YearMonth period, boolean approved, String profile, SettlementMethod method,
                     Optional<Money> controlTotal, BigDecimal holdbackRate, Instant computedAt,
                     Optional<Instant> approvedAt) {

        String statusText() {
            return approved ? "已审核记账" : "草稿(未记账)";
        }

        String methodText() {
            return method == SettlementMethod.AVERAGE_COST ? "均值结算" : "按项目结算";
        }

        /** The share held back, as the statements say it: {@code 10%}. */
        String holdbackText() {
            return percent(holdbackRate);
        }

        /** The share of every stream paid now: {@code 90%}. */
        String paidNowText() {
            return percent(BigDecimal.ONE.subtract(holdbackRate));
        }

        private static String percent(BigDecimal rate) {
            return rate.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
        }
    }

    /**
     * One institution's line of a run, with the institution's level for the statement header and
     * its bank for the payment order, as they stood when the run was settled.
     *
     * @param bankName    the bank payments go to; {@code null} when the institutions file gave none
     * @param bankAccount the account there, digits; {@code null} with the bank name
     */
    record RunLine(long runId, int level, String bankName, String bankAccount, SettlementLine line) {
    }

    RunHeader header(long runId) {
        return find(runId).orElseThrow(() -> new IllegalStateException("no month-end run " + runId));
    }

    Optional<RunHeader> find(long runId) {
        return jdbc.sql("select * from month_end_run where run_id = ?").param(runId)
                .query((rs, n) -> new RunHeader(rs.getLong("run_id"), YearMonth.parse(rs.getString("period")),
                        "APPROVED".equals(rs.getString("status")), rs.getString("profile"),
                        SettlementMethod.valueOf(rs.getString("method")),
                        Optional.ofNullable(rs.getBigDecimal("control_total")).map(Money::of),
                        rs.getBigDecimal("holdback_rate"), rs.getTimestamp("computed_at").toInstant(),
                        Optional.ofNullable(rs.getTimestamp("approved_at")).map(Timestamp::toInstant)))
                .optional();
    }

    Optional<RunHeader> approvedRun(YearMonth period) {
        return jdbc.sql("select run_id from month_end_run where period = ? and status = 'APPROVED'")
                .param(period.toString()).query(Long.class).optional().map(this::header);
    }

    List<RunLine> lines(long runId) {
        return jdbc.sql(LINES_SQL + " where l.run_id = ? order by l.fixmedins_code").param(runId)
                .query((rs, n) -> line(rs)).list();
    }

    static final String LINES_SQL = """
            select l.*, r.control_total from month_end_line l join month_end_run r on r.run_id = l.run_id""";

    static RunLine line(ResultSet rs) throws SQLException {
        InstitutionMonth figures = new InstitutionMonth(rs.getString("fixmedins_code"), rs.getString("fixmedins_name"),
                rs.getLong("discharges"), money(rs, "approved_avg"), money(rs, "member_selfpay"),
                money(rs, "actual_fund_pay"), money(rs, "sup_actual"), money(rs, "acct_settled"),
                money(rs, "owed_brought_forward"));
        AdjustmentTotals adjustments = new AdjustmentTotals(rs.getInt("adj_lines"),
                split(rs, "adj_pooled_paid_now", "adj_pooled_held_back"), split(rs, "adj_sup_paid_now", "adj_sup_held_back"),
                split(rs, "adj_acct_paid_now", "adj_acct_held_back"));
        SettlementLine line = new SettlementLine(figures, money(rs, "avg_amount"), money(rs, "computed_due"),
                money(rs, "due"), Optional.ofNullable(rs.getBigDecimal("control_total")).map(Money::of),
                money(rs, "allocated"), money(rs, "unpaid_over_budget"),
                split(rs, "pooled_paid_now", "pooled_held_back"), split(rs, "sup_paid_now", "sup_held_back"),
                split(rs, "acct_paid_now", "acct_held_back"), adjustments,
                new Payment(money(rs, "owed_brought_forward"), money(rs, "payment"), money(rs, "owed_carried_forward")));
        return new RunLine(rs.getLong("run_id"), rs.getInt("hosp_lv"), rs.getString("bank_name"),
                rs.getString("bank_account"), line);
    }

    private static Holdback.Split split(ResultSet rs, String paidNow, String heldBack) throws SQLException {
        return new Holdback.Split(money(rs, paidNow), money(rs, heldBack));
    }

    /** The run's allocation into the members' accounts, by source, category and age band. */
    List<MonthlyAllocation.SummaryLine> allocationSummary(long runId) {
        return MonthlyAllocation.summary(jdbc, runId);
    }

    /** The run's adjustment lines as they were settled, by institution, original period and settlement. */
    List<SettledAdjustment> adjustments(long runId) {
        return jdbc.sql("select * from month_end_adjustment where run_id = ? order by fixmedins_code, period, setl_id")
                .param(runId).query((rs, n) -> adjustment(rs)).list();
    }

    /**
     * One institution's adjustment lines of the run, by original period and settlement: what its
     * workbook lists, read when it is written, so that the statements step never holds every
     * institution's lines at once (a month of late files can bring many).
     */
    List<SettledAdjustment> adjustments(long runId, String institution) {
        return jdbc.sql("""
                        select * from month_end_adjustment where run_id = ? and fixmedins_code = ?
                         order by period, setl_id""")
                .params(runId, institution).query((rs, n) -> adjustment(rs)).list();
    }

    private static SettledAdjustment adjustment(ResultSet rs) throws SQLException {
        return new SettledAdjustment(new AdjustmentLine(rs.getString("fixmedins_code"),
                rs.getString("setl_id"), YearMonth.parse(rs.getString("period")),
                AdjustmentLine.Kind.valueOf(rs.getString("kind").toUpperCase(java.util.Locale.ROOT)),
                rs.getInt("revision"), Optional.ofNullable(rs.getString("cancelled_by")),
                Optional.ofNullable(rs.getString("settled_before")).map(YearMonth::parse),
                rs.getLong("discharges"), money(rs, "avg_amount"), money(rs, "member_selfpay"),
                money(rs, "fund_pay"), money(rs, "sup"), money(rs, "acct")),
                money(rs, "pooled"), split(rs, "pooled_paid_now", "pooled_held_back"),
                split(rs, "sup_paid_now", "sup_held_back"), split(rs, "acct_paid_now", "acct_held_back"));
    }

    /**
     * The entries a draft would make, for the draft's ledger sheet: the same entries that approval
     * posts ({@link SettlementPostings}).
     */
    static List<JournalEntry> draftEntries(YearMonth period, List<RunLine> lines, List<SettledAdjustment> adjustments) {
        List<JournalEntry> entries = new ArrayList<>();
        Map<String, List<SettledAdjustment>> byInstitution = byInstitution(adjustments);
        for (RunLine line : lines) {
            entries.addAll(SettlementPostings.of(period, line.line(),
                    byInstitution.getOrDefault(line.line().code(), List.of())));
        }
        return entries;
    }
    /**
     * Adjustment lines by institution, in their order: grouped once, rather than every line of the
     * run filtered again for each of two thousand institutions.
     */
    static Map<String, List<SettledAdjustment>> byInstitution(List<SettledAdjustment> adjustments) {
        return adjustments.stream().collect(Collectors.groupingBy(a -> a.line().institution(), Collectors.toList()));
    }

    private static Money money(ResultSet rs, String column) throws SQLException {
        return Money.of(rs.getBigDecimal(column));
    }
}
