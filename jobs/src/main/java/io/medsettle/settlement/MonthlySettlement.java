package io.medsettle.settlement;

import io.medsettle.ledger.Money;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The month-end settlement of all institutions of a period: dues, budget control and holdback on the
 * period's own settlements (DOMAIN.md §2), the adjustment lines of earlier periods beside them, and
 * the payment after what each institution owed. Composes the rules; every figure is exact to the fen
 * and the allocations add up.
 */
public final class MonthlySettlement {

    /** The run's lines, one per institution in code order, and its adjustment lines as settled. */
    public record Result(List<SettlementLine> lines, List<SettledAdjustment> adjustments) {
    }

    private final DueRule dueRule;
    private final BudgetControl budgetControl;
    private final Holdback holdback;

    public MonthlySettlement(DueRule dueRule, BudgetControl budgetControl, Holdback holdback) {
        this.dueRule = dueRule;
        this.budgetControl = budgetControl;
        this.holdback = holdback;
    }

    /** The period alone, with no adjustment lines. */
    public List<SettlementLine> settle(List<InstitutionMonth> months) {
        return settle(months, List.of()).lines();
    }

    /**
     * @param months      one per institution that appears (its own settlements, account payments,
     *                    adjustment lines or an amount owed)
     * @param adjustments the run's adjustment lines, each of an institution among {@code months}
     */
    public Result settle(List<InstitutionMonth> months, List<AdjustmentLine> adjustments) {
        List<InstitutionMonth> sorted = new ArrayList<>(months);
        sorted.sort(Comparator.comparing(InstitutionMonth::code));
        Map<String, Money> dues = new LinkedHashMap<>();
        for (InstitutionMonth month : sorted) {
            if (dues.put(month.code(), dueRule.due(month)) != null) {
                throw new IllegalArgumentException("institution " + month.code() + " appears twice in the period");
            }
        }
        Map<String, List<SettledAdjustment>> settled = new LinkedHashMap<>();
        List<SettledAdjustment> all = new ArrayList<>(adjustments.size());
        for (AdjustmentLine line : adjustments) {
            if (!dues.containsKey(line.institution())) {
                throw new IllegalArgumentException("adjustment line " + line.setlId() + " of " + line.institution()
                        + ", which is not in the run");
            }
            Money pooled = dueRule.adjustment(line);
            SettledAdjustment adjustment = new SettledAdjustment(line, pooled, holdback.split(pooled),
                    holdback.split(line.supplementary()), holdback.split(line.account()));
            settled.computeIfAbsent(line.institution(), k -> new ArrayList<>()).add(adjustment);
            all.add(adjustment);
        }
        Map<String, Money> allocated = budgetControl.allocate(dues);
        List<SettlementLine> lines = new ArrayList<>(sorted.size());
        for (InstitutionMonth month : sorted) {
            Money due = dues.get(month.code());
            Money allocation = allocated.get(month.code());
            Holdback.Split pooled = holdback.split(allocation);
            Holdback.Split supplementary = holdback.split(month.supplementary());
            Holdback.Split account = holdback.split(month.accountSettled());
            AdjustmentTotals totals = AdjustmentTotals.of(settled.getOrDefault(month.code(), List.of()));
            Money paidNow = pooled.paidNow().plus(supplementary.paidNow()).plus(account.paidNow()).plus(totals.paidNow());
            lines.add(new SettlementLine(month, dueRule.averageAmount(month), dueRule.computedDue(month), due,
                    budgetControl.controlTotal(), allocation, due.minus(allocation), pooled, supplementary, account,
                    totals, Payment.of(month.owedBroughtForward(), paidNow)));
        }
        return new Result(List.copyOf(lines), List.copyOf(all));
    }
}
