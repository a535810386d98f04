package io.medsettle.settlement;

import io.medsettle.ledger.Money;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Total budget control (总额控制): when the month's dues together exceed the control total, each
 * institution is allocated {@code control × due / Σ due}, split to the fen by the largest
 * remainder so that the allocations add up to the control total exactly; ties in the remainder go
 * to the smaller institution code. Within the control total, each is allocated its due.
 */
public final class BudgetControl {

    private final Optional<Money> controlTotal;

    /** @param controlTotal the month's control total; empty when the month has none */
    public BudgetControl(Optional<Money> controlTotal) {
        this.controlTotal = controlTotal;
    }

    public Optional<Money> controlTotal() {
        return controlTotal;
    }

    /** Allocations per institution code, in code order. */
    public Map<String, Money> allocate(Map<String, Money> dues) {
        List<String> codes = new ArrayList<>(dues.keySet());
        codes.sort(Comparator.naturalOrder());
        Map<String, Money> allocated = new LinkedHashMap<>();
        Money total = Money.sum(dues.values());
        if (controlTotal.isEmpty() || !total.isGreaterThan(controlTotal.get())) {
            codes.forEach(code -> allocated.put(code, dues.get(code)));
            return allocated;
        }
        List<BigDecimal> weights = codes.stream().map(code -> dues.get(code).amount()).toList();
        List<Money> parts = controlTotal.get().allocate(weights);
        for (int i = 0; i < codes.size(); i++) {
            allocated.put(codes.get(i), parts.get(i));
        }
        return allocated;
    }
}
