package io.medsettle.settlement;

import io.medsettle.ledger.Money;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Over-budget compensation at the year's end (DOMAIN.md §3): the year's surplus under the control
 * totals pays back what total budget control left unpaid. A surplus as large as the unpaid total pays
 * every institution its unpaid amount; a smaller positive surplus is split pro rata to the unpaid
 * amounts by the largest remainder, ties to the smaller institution code (as the month's allocation);
 * no surplus pays nothing. Compensation is paid in full: nothing of it is held back.
 */
public final class OverBudgetCompensation {

    private OverBudgetCompensation() {
    }

    /**
     * @param surplus the year's Σ (control total − Σ allocated) over the months that had a control total
     * @param unpaid  each institution's unpaid over-budget amount of the year (zero or more)
     * @return each institution's compensation, by code, every institution of {@code unpaid} present
     */
    public static Map<String, Money> of(Money surplus, Map<String, Money> unpaid) {
        Map<String, Money> byCode = new TreeMap<>(unpaid);
        Map<String, Money> paid = new LinkedHashMap<>();
        Money total = Money.sum(byCode.values());
        if (!surplus.isPositive() || !total.isPositive()) {
            byCode.keySet().forEach(code -> paid.put(code, Money.ZERO));
            return paid;
        }
        if (!surplus.isLessThan(total)) {
            byCode.forEach(paid::put);
            return paid;
        }
        List<String> codes = new ArrayList<>(byCode.keySet());
        List<BigDecimal> weights = codes.stream().map(code -> byCode.get(code).max(Money.ZERO).amount()).toList();
        List<Money> parts = surplus.allocate(weights);
        for (int i = 0; i < codes.size(); i++) {
            paid.put(codes.get(i), parts.get(i));
        }
        return paid;
    }
}
