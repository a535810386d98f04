package io.medsettle.monthend;

import io.medsettle.ledger.ClosedPeriodException;
import io.medsettle.ledger.JournalEntry;
import io.medsettle.ledger.Ledger;
import io.medsettle.ledger.Money;
import io.medsettle.ledger.PostedEntry;
import io.medsettle.settlement.BudgetControl;
import io.medsettle.settlement.DueRule;
import io.medsettle.settlement.Holdback;
import io.medsettle.settlement.InstitutionMonth;
import io.medsettle.settlement.MonthlySettlement;
import io.medsettle.settlement.SettlementLine;
import io.medsettle.settlement.SettlementMethod;
import io.medsettle.settlement.SettlementPostings;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
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
 * moment, stored as the approved run, every entry posted with its idempotency key and the period
 * closed. A process killed during approval leaves nothing behind; run again, it does it all.
 */
@Service
class MonthEndRuns {

    private final PeriodFigures figures;
    private final MonthEndRecords records;
    private final Ledger ledger;
    private final JdbcClient jdbc;
    private final Clock clock;

    MonthEndRuns(PeriodFigures figures, MonthEndRecords records, Ledger ledger, JdbcClient jdbc, Clock clock) {
        this.figures = figures;
        this.records = records;
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The settlement policy of the run: the profile's method and holdback rate. */
    record Policy(String profile, SettlementMethod method, BigDecimal holdbackRate) {
    }

    record Run(long id, YearMonth period, boolean approved, Optional<Money> controlTotal, List<SettlementLine> lines,
               List<PeriodFigures.Adjustment> adjustments, List<PostedEntry> postings) {

        Money total(java.util.function.Function<SettlementLine, Money> column) {
            return Money.sum(lines.stream().map(column).toList());
        }
    }

    /** A draft: computed and stored, nothing posted. */
    @Transactional
    public Run preview(YearMonth period, Policy policy) {
        return compute(period, policy, false);
    }

    /** Computes the period once more, posts it and closes it. Refused for a closed period. */
    @Transactional
    public Run approve(YearMonth period, Policy policy) {
        if (ledger.isClosed(period) || records.approvedRun(period).isPresent()) {
            throw new ClosedPeriodException(period, "its month-end was approved before; a correction goes into the next open period");
        }
        Run run = compute(period, policy, true);
        List<PostedEntry> posted = new ArrayList<>();
        for (SettlementLine line : run.lines()) {
            for (JournalEntry entry : SettlementPostings.of(period, line)) {
                posted.add(ledger.post(entry));
            }
        }
        ledger.close(period);
        return new Run(run.id(), period, true, run.controlTotal(), run.lines(), run.adjustments(), posted);
    }

    private Run compute(YearMonth period, Policy policy, boolean approved) {
        Optional<Money> control = jdbc.sql("select control_total from budget where year = ? and month = ?")
                .params(period.getYear(), period.getMonthValue()).query(BigDecimal.class).optional().map(Money::of);
        List<InstitutionMonth> months = figures.of(period);
        List<SettlementLine> lines = new MonthlySettlement(new DueRule(policy.method()), new BudgetControl(control),
                new Holdback(policy.holdbackRate())).settle(months);
        Timestamp now = Timestamp.from(clock.instant());
        long runId = jdbc.sql("""
                        insert into month_end_run (period, status, profile, method, control_total, holdback_rate,
                                                   computed_at, approved_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?) returning run_id""")
                .params(period.toString(), approved ? "APPROVED" : "DRAFT", policy.profile(), policy.method().name(),
                        control.map(Money::amount).orElse(null), policy.holdbackRate(), now, approved ? now : null)
                .query(Long.class).single();
        for (SettlementLine line : lines) {
            storeLine(runId, line);
        }
        return new Run(runId, period, approved, control, lines, figures.adjustments(period), List.of());
    }

    private void storeLine(long runId, SettlementLine line) {
        InstitutionMonth f = line.figures();
        jdbc.sql("""
                        insert into month_end_line (run_id, fixmedins_code, fixmedins_name, hosp_lv, discharges,
                               approved_avg, avg_amount, member_selfpay, computed_due, due, actual_fund_pay, allocated,
                               unpaid_over_budget, pooled_paid_now, pooled_held_back, sup_actual, sup_paid_now,
                               sup_held_back, acct_settled, acct_paid_now, acct_held_back)
                        select ?, ?, ?, coalesce((select hosp_lv from institution where fixmedins_code = ?
                                                   and valid_to is null), 0),
                               ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?""")
                .params(runId, f.code(), f.name(), f.code(), f.discharges(), f.approvedAverage().amount(),
                        line.averageAmount().amount(), f.memberSelfPay().amount(), line.computedDue().amount(),
                        line.due().amount(), f.actualFundPay().amount(), line.allocated().amount(),
                        line.unpaidOverBudget().amount(), line.pooled().paidNow().amount(),
                        line.pooled().heldBack().amount(), f.supplementary().amount(),
                        line.supplementary().paidNow().amount(), line.supplementary().heldBack().amount(),
                        f.accountSettled().amount(), line.account().paidNow().amount(),
                        line.account().heldBack().amount())
                .update();
    }
}
