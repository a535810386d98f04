package io.medsettle.monthend;

import io.medsettle.accountbook.AccountBook;
import io.medsettle.accountbook.MonthlyAllocation;
import io.medsettle.accounts.AllocationRule;
import io.medsettle.ledger.ClosedPeriodException;
import io.medsettle.ledger.JournalEntry;
import io.medsettle.ledger.Ledger;
import io.medsettle.ledger.Money;
import io.medsettle.ledger.PostedEntry;
import io.medsettle.runs.JobRuns;
import io.medsettle.settlement.AdjustmentLine;
import io.medsettle.settlement.AdjustmentTotals;
import io.medsettle.settlement.BudgetControl;
import io.medsettle.settlement.DueRule;
import io.medsettle.settlement.Holdback;
import io.medsettle.settlement.InstitutionMonth;
import io.medsettle.settlement.MonthlySettlement;
import io.medsettle.settlement.SettledAdjustment;
import io.medsettle.settlement.SettlementLine;
import io.medsettle.settlement.SettlementMethod;
import io.medsettle.settlement.SettlementPostings;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes a period's settlement, keeps it as a run, and on approval posts it and closes the period.
 *
 * <p>Approval is one transaction: the run is recomputed from the settlements as they are at that
 * moment, stored as the approved run with the lines it settles, every entry posted with its
 * idempotency key and the period closed. A process killed during approval leaves nothing behind;
 * run again, it does it all. Both a preview and an approval hold the intakes' lock for their
 * transaction, so that no file commits between what a run settles and its figures, or its close; and
 * an approval refuses while a file of the period or an earlier one is unfinished (its rows would
 * otherwise be settled in no month, or late without need).
 */
@Service
class MonthEndRuns {

    /** How long a month-end waits for a running intake before it gives up. */
    static final Duration INTAKE_WAIT = Duration.ofHours(1);

    private final PeriodFigures figures;
    private final MonthlyAllocation allocation;
    private final AccountBook accounts;
    private final MonthEndRecords records;
    private final Ledger ledger;
    private final JobRuns jobRuns;
    private final JdbcClient jdbc;
    private final Clock clock;

    MonthEndRuns(PeriodFigures figures, MonthlyAllocation allocation, AccountBook accounts, MonthEndRecords records,
                 Ledger ledger, JobRuns jobRuns, JdbcClient jdbc, Clock clock) {
        this.figures = figures;
        this.allocation = allocation;
        this.accounts = accounts;
        this.records = records;
        this.ledger = ledger;
        this.jobRuns = jobRuns;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The settlement policy of the run: the profile's method, holdback rate and allocation rule. */
    record Policy(String profile, SettlementMethod method, BigDecimal holdbackRate, AllocationRule allocation) {
    }

    record Run(long id, YearMonth period, boolean approved, Optional<Money> controlTotal, List<SettlementLine> lines,
               List<SettledAdjustment> adjustments, List<PostedEntry> postings) {

        Money total(java.util.function.Function<SettlementLine, Money> column) {
            return Money.sum(lines.stream().map(column).toList());
        }
    }

    /** A draft: computed and stored, nothing posted. */
    @Transactional
    public Run preview(YearMonth period, Policy policy) {
        jobRuns.holdForTransaction(JobRuns.INTAKE_LOCK, INTAKE_WAIT);
        return compute(period, policy, false);
    }

    /** Computes the period once more, posts it and closes it. Refused for a closed period. */
    @Transactional
    public Run approve(YearMonth period, Policy policy) {
        jobRuns.holdForTransaction(JobRuns.INTAKE_LOCK, INTAKE_WAIT);
        if (ledger.isClosed(period) || records.approvedRun(period).isPresent()) {
            throw new ClosedPeriodException(period, "its month-end was approved before; a correction goes into the next open period");
        }
        List<String> unfinished = unfinishedFiles(period);
        if (!unfinished.isEmpty()) {
            throw new MonthEnd.UnfinishedFilesException(period, unfinished);
        }
        Run run = compute(period, policy, true);
        List<PostedEntry> posted = new ArrayList<>();
        java.util.Map<String, List<SettledAdjustment>> adjustments = MonthEndRecords.byInstitution(run.adjustments());
        for (SettlementLine line : run.lines()) {
            for (JournalEntry entry : SettlementPostings.of(period, line, adjustments.getOrDefault(line.code(), List.of()))) {
                posted.add(ledger.post(entry));
            }
        }
        // The members' accounts and the ledger's accounts fund agree at every close, by construction;
        // were they not to, the close is refused rather than the books left apart.
        if (!accounts.agreesWithLedger()) {
            throw new IllegalStateException("the individual accounts (Σ " + accounts.total() + ") do not agree with the "
                    + "ledger's accounts fund 2301; the month-end of " + period + " is not approved");
        }
        ledger.close(period);
        // The period's drafts served their draft statements; the approved run is the one that counts.
        jdbc.sql("""
                        delete from settled_line where run_id in
                            (select run_id from month_end_run where period = ? and status = 'DRAFT')""")
                .param(period.toString()).update();
        return new Run(run.id(), period, true, run.controlTotal(), run.lines(), run.adjustments(), posted);
    }

    /**
     * Files of the period or an earlier one whose intake was interrupted: described for the operator,
     * with what to do. (A file of a later period cannot change this one: its rows come later in every
     * member's order.)
     */
    List<String> unfinishedFiles(YearMonth period) {
        return jdbc.sql("""
                        select file_id, file_name, fixmedins_code, period from intake_file
                         where status = 'STAGING' and period <= ? order by file_id""")
                .param(period.toString())
                .query((rs, n) -> "#" + rs.getLong("file_id") + " " + rs.getString("file_name") + " ("
                        + rs.getString("fixmedins_code") + " " + rs.getString("period") + ")")
                .list();
    }

    private Run compute(YearMonth period, Policy policy, boolean approved) {
        Optional<Money> control = jdbc.sql("select control_total from budget where year = ? and month = ?")
                .params(period.getYear(), period.getMonthValue()).query(BigDecimal.class).optional().map(Money::of);
        PeriodFigures.Changes changes = figures.changes();
        Timestamp now = Timestamp.from(clock.instant());
        long runId = jdbc.sql("""
                        insert into month_end_run (period, status, profile, method, control_total, holdback_rate,
                                                   computed_at, approved_at, changes_through, movements_through)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning run_id""")
                .params(period.toString(), approved ? "APPROVED" : "DRAFT", policy.profile(), policy.method().name(),
                        control.map(Money::amount).orElse(null), policy.holdbackRate(), now, approved ? now : null,
                        changes.through(), changes.movementsThrough())
                .query(Long.class).single();
        figures.settle(runId, period, changes);
        MonthlySettlement.Result result = new MonthlySettlement(new DueRule(policy.method()), new BudgetControl(control),
                new Holdback(policy.holdbackRate())).settle(figures.of(period, runId), figures.adjustments(runId));
        result.lines().forEach(line -> storeLine(runId, line));
        result.adjustments().forEach(adjustment -> storeAdjustment(runId, adjustment));
        // The month's allocation into the members' accounts: computed for a preview, posted on approval.
        allocation.allocate(runId, period, policy.allocation(), approved);
        return new Run(runId, period, approved, control, result.lines(), result.adjustments(), List.of());
    }

    /**
     * Stores a line with the institution's level and bank as they stand when the run is settled
     * (its current version): the statements, written again from the stored run if the approval is
     * resumed, name the account this run decided to pay.
     */
    private void storeLine(long runId, SettlementLine line) {
        InstitutionMonth f = line.figures();
        AdjustmentTotals a = line.adjustments();
        jdbc.sql("""
                        insert into month_end_line (run_id, fixmedins_code, fixmedins_name, hosp_lv, discharges,
                               approved_avg, avg_amount, member_selfpay, computed_due, due, actual_fund_pay, allocated,
                               unpaid_over_budget, pooled_paid_now, pooled_held_back, sup_actual, sup_paid_now,
                               sup_held_back, acct_settled, acct_paid_now, acct_held_back, adj_lines, adj_pooled_paid_now,
                               adj_pooled_held_back, adj_sup_paid_now, adj_sup_held_back, adj_acct_paid_now,
                               adj_acct_held_back, owed_brought_forward, payment, owed_carried_forward, bank_name,
                               bank_account)
                        select :run, :code, :name, coalesce(i.hosp_lv, 0),
                               :discharges, :approvedAvg, :avgAmount, :memberSelfpay, :computedDue, :due, :actualFundPay,
                               :allocated, :unpaid, :pooledNow, :pooledHeld, :supActual, :supNow, :supHeld, :acct,
                               :acctNow, :acctHeld, :adjLines, :adjPooledNow, :adjPooledHeld, :adjSupNow, :adjSupHeld,
                               :adjAcctNow, :adjAcctHeld, :owedBefore, :payment, :owedAfter, i.bank_name, i.bank_account
                          from (select 1) as one
                          left join institution i on i.fixmedins_code = :code and i.valid_to is null""")
                .param("run", runId).param("code", f.code()).param("name", f.name())
                .param("discharges", f.discharges()).param("approvedAvg", f.approvedAverage().amount())
                .param("avgAmount", line.averageAmount().amount()).param("memberSelfpay", f.memberSelfPay().amount())
                .param("computedDue", line.computedDue().amount()).param("due", line.due().amount())
                .param("actualFundPay", f.actualFundPay().amount()).param("allocated", line.allocated().amount())
                .param("unpaid", line.unpaidOverBudget().amount())
                .param("pooledNow", line.pooled().paidNow().amount()).param("pooledHeld", line.pooled().heldBack().amount())
                .param("supActual", f.supplementary().amount())
                .param("supNow", line.supplementary().paidNow().amount())
                .param("supHeld", line.supplementary().heldBack().amount())
                .param("acct", f.accountSettled().amount())
                .param("acctNow", line.account().paidNow().amount()).param("acctHeld", line.account().heldBack().amount())
                .param("adjLines", a.lines())
                .param("adjPooledNow", a.pooled().paidNow().amount()).param("adjPooledHeld", a.pooled().heldBack().amount())
                .param("adjSupNow", a.supplementary().paidNow().amount())
                .param("adjSupHeld", a.supplementary().heldBack().amount())
                .param("adjAcctNow", a.account().paidNow().amount()).param("adjAcctHeld", a.account().heldBack().amount())
                .param("owedBefore", line.payment().owedBroughtForward().amount())
                .param("payment", line.payment().paid().amount())
                .param("owedAfter", line.payment().owedCarriedForward().amount())
                .update();
    }

    private void storeAdjustment(long runId, SettledAdjustment settled) {
        AdjustmentLine l = settled.line();
        jdbc.sql("""
                        insert into month_end_adjustment (run_id, fixmedins_code, setl_id, period, kind, revision,
                               cancelled_by, settled_before, discharges, avg_amount, member_selfpay, fund_pay, sup, acct,
                               pooled, pooled_paid_now, pooled_held_back, sup_paid_now, sup_held_back, acct_paid_now,
                               acct_held_back)
                        values (:run, :code, :setl, :period, :kind, :revision, :cancelledBy, :settledBefore, :discharges,
                                :avgAmount, :memberSelfpay, :fundPay, :sup, :acct, :pooled, :pooledNow, :pooledHeld,
                                :supNow, :supHeld, :acctNow, :acctHeld)""")
                .param("run", runId).param("code", l.institution()).param("setl", l.setlId())
                .param("period", l.period().toString()).param("kind", l.kind().name().toLowerCase(java.util.Locale.ROOT))
                .param("revision", l.revision()).param("cancelledBy", l.cancelledBy().orElse(null))
                .param("settledBefore", l.settledBefore().map(YearMonth::toString).orElse(null))
                .param("discharges", l.discharges()).param("avgAmount", l.averageAmount().amount())
                .param("memberSelfpay", l.memberSelfPay().amount()).param("fundPay", l.fundPay().amount())
                .param("sup", l.supplementary().amount()).param("acct", l.account().amount())
                .param("pooled", settled.pooledAmount().amount())
                .param("pooledNow", settled.pooled().paidNow().amount())
                .param("pooledHeld", settled.pooled().heldBack().amount())
                .param("supNow", settled.supplementary().paidNow().amount())
                .param("supHeld", settled.supplementary().heldBack().amount())
                .param("acctNow", settled.account().paidNow().amount())
                .param("acctHeld", settled.account().heldBack().amount())
                .update();
    }
}
