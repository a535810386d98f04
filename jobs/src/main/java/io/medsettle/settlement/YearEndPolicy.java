package io.medsettle.settlement;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A profile's year-end rules (DOMAIN.md §3): the release schedule of the quality deposit by assessment
 * score, and the growth applied to next year's proposed approved averages.
 */
public record YearEndPolicy(ReleaseSchedule release, BigDecimal growth) {

    public YearEndPolicy {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(growth, "growth");
    }

    public AverageProposal proposal() {
        return new AverageProposal(growth);
    }
}
