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
 * <p>Adjustment lines (settlements of closed periods settled late, revised or cancelled) add their
 * own signed figure, computed the same way on their own discharges and self-pay: a late discharge
 * is worth its year's approved average less what its member paid, a cancelled one takes that back.
 * The sum is the institution's claim on the pooled fund this month; a claim below zero is not
 * allocated but clawed back ({@link #clawback}).
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

    /** The signed figure of the month's adjustment lines. */
    public Money adjustmentDue(InstitutionMonth month) {
        Adjustments a = month.adjustments();
        return method == SettlementMethod.AVERAGE_COST ? a.averageAmount().minus(a.memberSelfPay()) : a.fundPay();
    }

    /** The month's due (never below zero) plus its adjustment lines: possibly negative. */
    public Money claim(InstitutionMonth month) {
        return computedDue(month).max(Money.ZERO).plus(adjustmentDue(month));
    }

    /** The due that takes part in the allocation: never below zero. */
    public Money due(InstitutionMonth month) {
        return claim(month).max(Money.ZERO);
    }

    /** What adjustment lines take back beyond the month's due: the pooled stream's negative part. */
    public Money clawback(InstitutionMonth month) {
        return claim(month).negate().max(Money.ZERO);
    }
}
