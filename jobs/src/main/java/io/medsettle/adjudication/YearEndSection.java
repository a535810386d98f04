package io.medsettle.adjudication;

import io.medsettle.settlement.ReleaseSchedule;
import io.medsettle.settlement.YearEndPolicy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a profile's {@code year_end:} section (docs/policy-profiles.md, DOMAIN.md §3): the release
 * bands of the quality deposit ({@code from} a score, {@code rate} a share or {@code score} for
 * score / 100) and the growth of next year's averages. Unknown keys are refused.
 */
final class YearEndSection {

    private static final String[] NOTES = {"source", "assumed"};

    private YearEndSection() {
    }

    static YearEndPolicy read(ProfileNode node) {
        node.onlyKeys(NOTES, "release", "growth");
        ProfileNode release = node.get("release");
        release.onlyKeys(NOTES, "bands");
        List<ReleaseSchedule.Band> bands = new ArrayList<>();
        for (ProfileNode band : release.get("bands").list()) {
            band.onlyKeys(NOTES, "from", "rate");
            BigDecimal from = band.get("from").decimal();
            if (from.signum() < 0 || from.compareTo(BigDecimal.valueOf(100)) > 0) {
                throw band.get("from").error("must be a score from 0 to 100");
            }
            ProfileNode rate = band.get("rate");
            bands.add(new ReleaseSchedule.Band(from, "score".equals(rate.text()) ? Optional.empty() : Optional.of(rate.rate())));
        }
        try {
            ReleaseSchedule schedule = new ReleaseSchedule(bands);
            ProfileNode growth = node.get("growth");
            growth.onlyKeys(NOTES, "rate");
            return new YearEndPolicy(schedule, growth.get("rate").rate());
        } catch (IllegalArgumentException e) {
            throw release.get("bands").error(e.getMessage());
        }
    }
}
