package io.medsettle.console;

import io.medsettle.monthend.MonthEnd;
import io.medsettle.settlement.SettlementLine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The month-end's chart of due against allocated per institution, drawn as SVG on the server: no
 * script, so the page keeps its strict content security policy.
 */
record BarChart(int width, int height, List<Bar> bars) {

    record Bar(String label, int y, int dueWidth, int allocatedWidth, String due, String allocated) {
    }

    private static final int ROW = 22;
    private static final int LABEL = 120;
    private static final int PLOT = 480;

    static BarChart of(MonthEnd.Outcome outcome) {
        List<SettlementLine> lines = outcome.lines();
        BigDecimal max = lines.stream().map(l -> l.due().amount().max(l.allocated().amount()))
                .reduce(BigDecimal.ONE, BigDecimal::max);
        List<Bar> bars = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            SettlementLine l = lines.get(i);
            bars.add(new Bar(l.code(), i * ROW, width(l.due().amount(), max), width(l.allocated().amount(), max),
                    l.due().toString(), l.allocated().toString()));
        }
        return new BarChart(LABEL + PLOT + 10, Math.max(ROW, lines.size() * ROW), bars);
    }

    public int labelWidth() {
        return LABEL;
    }

    private static int width(BigDecimal value, BigDecimal max) {
        return value.signum() <= 0 ? 0 : value.multiply(BigDecimal.valueOf(PLOT)).divide(max, 0, RoundingMode.HALF_UP).intValue();
    }
}
