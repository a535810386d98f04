package io.medsettle.settlement;

import io.medsettle.ledger.Money;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * One institution's year-end (DOMAIN.md §3): its quality deposit held back and released by its score,
 * its unpaid over-budget amount and the compensation, what is paid, and next year's proposed average.
 *
 * @param score      the year's assessment score; empty only for an institution that held nothing back
 * @param discharges the year's discharges (distinct stays of its eligible settlements)
 * @param proposed   next year's proposed approved average; empty without discharges in the window
 */
public record YearEndLine(String code, String name, HoldbackRelease.Held held, Optional<BigDecimal> score,
                          HoldbackRelease.Release release, Money unpaidOverBudget, Money compensation, long discharges,
                          Optional<Money> proposed) {

    public YearEndLine {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(held, "held");
        Objects.requireNonNull(release, "release");
    }

    /** What the institution is paid: the deposit released and the compensation, nothing held back. */
    public Money payment() {
        return release.released().plus(compensation);
    }
}
