package io.medsettle.settlement;

import io.medsettle.ledger.Money;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The month-end settlement of all institutions of a period: dues, budget control, holdback, and the
 * payment after what each institution owed. Composes the rules; every figure is exact to the fen
 * and the allocations add up.
 */
public final class MonthlySettlement {

    private final DueRule dueRule;
    private final BudgetControl budgetControl;
    private final Holdback holdback;

    public MonthlySettlement(DueRule dueRule, BudgetControl budgetControl, Holdback holdback) {
        this.dueRule = dueRule;
        this.budgetControl = budgetControl;
        this.holdback = holdback;
    }

    /** One line per institution, in institution-code order. */
    public List<SettlementLine> settle(List<InstitutionMonth> months) {
        List<InstitutionMonth> sorted = new ArrayList<>(months);
        sorted.sort(Comparator.comparing(InstitutionMonth::code));
        Map<String, Money> dues = new LinkedHashMap<>();
        for (InstitutionMonth month : sorted) {
            if (dues.put(month.code(), dueRule.due(month)) != null) {
                throw new IllegalArgumentException("institution " + month.code() + " appears twice in the period");
            }
        }
        Map<String, Money> allocated = budgetControl.allocate(dues);
        List<SettlementLine> lines = new ArrayList<>(sorted.size());
        for (InstitutionMonth month : sorted) {
            Money due = dues.get(month.code());
            Money allocation = allocated.get(month.code());
            Money clawback = dueRule.clawback(month);
            Holdback.Split pooled = holdback.split(allocation.minus(clawback));
            Holdback.Split supplementary = holdback.split(month.supplementary().plus(month.adjustments().supplementary()));
            Holdback.Split account = holdback.split(month.accountSettled().plus(month.adjustments().account()));
            Money paidNow = pooled.paidNow().plus(supplementary.paidNow()).plus(account.paidNow());
            lines.add(new SettlementLine(month, dueRule.averageAmount(month), dueRule.computedDue(month),
                    dueRule.adjustmentDue(month), due, clawback, budgetControl.controlTotal(), allocation,
                    due.minus(allocation), pooled, supplementary, account,
                    Payment.of(month.owedBroughtForward(), paidNow)));
        }
        return List.copyOf(lines);
    }
}
