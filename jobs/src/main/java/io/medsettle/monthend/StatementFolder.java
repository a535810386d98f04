package io.medsettle.monthend;

import java.nio.file.Path;
import java.time.YearMonth;

/**
 * Where a run's statements go: {@code out/<yyyy-MM>/} for the approved run, {@code out/<yyyy-MM>/draft/}
 * for a preview, so that a draft never stands where the finance department takes the approved
 * statements from.
 */
record StatementFolder(Path dir, YearMonth period) {

    static StatementFolder of(Path out, YearMonth period, boolean approved) {
        Path month = out.resolve(period.toString());
        return new StatementFolder(approved ? month : month.resolve("draft"), period);
    }

    Path institutionWorkbook(String code) {
        return dir.resolve("statement-" + code + "-" + period + ".xlsx");
    }

    Path fundSummary() {
        return dir.resolve("fund-summary-" + period + ".xlsx");
    }

    Path settlementCsv() {
        return dir.resolve("settlement-" + period + ".csv");
    }

    Path allocationCsv() {
        return dir.resolve("allocation-" + period + ".csv");
    }

    Path paymentOrderCsv() {
        return dir.resolve("payment-order-" + period + ".csv");
    }
}
