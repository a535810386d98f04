package io.medsettle.settlement;

import io.medsettle.ledger.Money;

import java.math.BigDecimal;

/**
 * What the pooled fund owes an institution for the month before any budget control.
 *
 * <p>Average cost: {@code discharges × approved average − member self-pay}. That figure can be
 * negative (members paid more than the average); it is reported as it is but never allocated, so
 * the due is {@code max(0, figure)}. Over-cap cost is not part of it: it is settled at actual
 * through the supplementary layer.
 *
 * <p>An adjustment line (a settlement of a closed period settled late, revised or cancelled) is
 * valued the same way on its own: a late discharge is worth its year's approved average less what
 * its member paid; a cancelled one takes that back; a revision moves the self-pay. Its figure is
 * signed and never floored: it corrects what its own month settled.
 */
public final class DueRule {

    private final SettlementMethod method;

    public DueRule(SettlementMethod method) {
        this.method = method;
    }

    /** {@code discharges × approved average}; zero under fee-for-service. */
    public Money averageAmount(InstitutionMonth month) {
        return method == SettlementMethod.AVERAGE_COST
                ? Money.rounded(month.approvedAverage().amount().multiply(BigDecimal.valueOf(month.discharges())))
                : Money.ZERO;
    }

    /** The due as computed, possibly negative under average cost. */
    public Money computedDue(InstitutionMonth month) {
        return method == SettlementMethod.AVERAGE_COST
                ? averageAmount(month).minus(month.memberSelfPay())
                : month.actualFundPay();
    }

    /** The due that takes part in the allocation: never below zero. */
    public Money due(InstitutionMonth month) {
        return computedDue(month).max(Money.ZERO);
    }

    /** The pooled fund's signed amount of an adjustment line. */
    public Money adjustment(AdjustmentLine line) {
        return method == SettlementMethod.AVERAGE_COST ? line.averageAmount().minus(line.memberSelfPay()) : line.fundPay();
    }
}
