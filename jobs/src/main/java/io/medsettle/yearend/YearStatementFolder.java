package io.medsettle.yearend;

import java.nio.file.Path;

/**
 * Where a year-end run's statements go: {@code out/<yyyy>/} for the approved run, {@code out/<yyyy>/draft/}
 * for a preview, so that a draft never stands where the finance department takes the approved ones from.
 */
record YearStatementFolder(Path dir, int year) {

    static YearStatementFolder of(Path out, int year, boolean approved) {
        Path folder = out.resolve(Integer.toString(year));
        return new YearStatementFolder(approved ? folder : folder.resolve("draft"), year);
    }

    Path fundWorkbook() {
        return dir.resolve("year-end-" + year + ".xlsx");
    }

    Path yearEndCsv() {
        return dir.resolve("year-end-" + year + ".csv");
    }

    Path accountsCsv() {
        return dir.resolve("accounts-" + year + ".csv");
    }

    Path paymentOrderCsv() {
        return dir.resolve("payment-order-" + year + ".csv");
    }

    /** Next year's proposed averages, in the columns `load approved-averages` takes. */
    Path approvedAveragesCsv() {
        return dir.resolve("approved-averages.csv");
    }

    Path institutionWorkbook(String code) {
        return dir.resolve("year-end-" + code + "-" + year + ".xlsx");
    }
}
