package io.medsettle.settlement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * How much of its quality deposit an institution gets back for its assessment score (DOMAIN.md §3):
 * bands of scores, each from a lowest score on, giving a fixed rate or the score itself as a rate
 * ({@code score / 100}). The default every city assumes until its documents say otherwise: 90 and
 * above everything, 60 to under 90 the score's share, under 60 nothing.
 */
public final class ReleaseSchedule {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** A band: scores from {@code from} up to the next band's start; {@code rate} empty means score / 100. */
    public record Band(BigDecimal from, java.util.Optional<BigDecimal> rate) {

        public Band {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(rate, "rate");
            rate.ifPresent(r -> {
                if (r.signum() < 0 || r.compareTo(BigDecimal.ONE) > 0) {
                    throw new IllegalArgumentException("a release rate is from 0 to 1, not " + r.toPlainString());
                }
            });
        }

        public static Band fixed(String from, String rate) {
            return new Band(new BigDecimal(from), java.util.Optional.of(new BigDecimal(rate)));
        }

        public static Band scoreShare(String from) {
            return new Band(new BigDecimal(from), java.util.Optional.empty());
        }
    }

    private final List<Band> bands;

    /** @param bands in any order; one of them must start at 0 so that every score has a band */
    public ReleaseSchedule(List<Band> bands) {
        this.bands = bands.stream().sorted(Comparator.comparing(Band::from).reversed()).toList();
        if (this.bands.isEmpty() || this.bands.get(this.bands.size() - 1).from().signum() != 0) {
            throw new IllegalArgumentException("the release bands must start at score 0");
        }
    }

    /** DOMAIN.md §3's table, assumed for every city. */
    public static ReleaseSchedule assumed() {
        return new ReleaseSchedule(List.of(Band.fixed("90", "1"), Band.scoreShare("60"), Band.fixed("0", "0")));
    }

    public List<Band> bands() {
        return bands;
    }

    /** The release rate for a score from 0 to 100, exact (a score of 87.5 gives 0.875). */
    public BigDecimal rate(BigDecimal score) {
        if (score.signum() < 0 || score.compareTo(HUNDRED) > 0) {
            throw new IllegalArgumentException("an assessment score is from 0 to 100, not " + score.toPlainString());
        }
        for (Band band : bands) {
            if (score.compareTo(band.from()) >= 0) {
                return band.rate().orElseGet(() -> score.divide(HUNDRED, score.scale() + 2, RoundingMode.UNNECESSARY))
                        .stripTrailingZeros();
            }
        }
        throw new AssertionError("the bands start at 0");
    }
}
