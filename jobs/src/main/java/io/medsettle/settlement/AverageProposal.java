package io.medsettle.settlement;

import io.medsettle.ledger.Money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/**
 * Next year's approved average (动态调整, DOMAIN.md §3): an institution's actual average for a year is
 * (Σ medfee_sumamt − Σ overcap_amt) / discharges over its eligible settlements of that year; the
 * proposal for Y + 1 is {@code round2(mean of the actual averages of the years Y − 3 .. Y that had
 * discharges × (1 + growth))}. The averages and their mean are kept exact, as fractions, so the one
 * rounding is the last one. The proposal is written for the accountants to approve; nothing applies
 * it by itself.
 */
public final class AverageProposal {

    /** One year of an institution's eligible settlements. */
    public record YearCost(int year, long discharges, Money cost) {

        /** The actual average, rounded to the fen for display only. */
        public Money average() {
            return Money.of(cost.amount().divide(BigDecimal.valueOf(discharges), Money.SCALE, RoundingMode.HALF_UP));
        }
    }

    /** How many years, counting back from the closing year, the mean looks at. */
    public static final int YEARS = 4;

    private final BigDecimal growth;

    public AverageProposal(BigDecimal growth) {
        this.growth = growth;
    }

    public BigDecimal growth() {
        return growth;
    }

    /** The years of {@code costs} the proposal for {@code year + 1} uses: those of Y − 3 .. Y with discharges. */
    public static List<YearCost> window(int year, List<YearCost> costs) {
        return costs.stream().filter(c -> c.year() <= year && c.year() > year - YEARS && c.discharges() > 0).toList();
    }

    /** The proposal for {@code year + 1}; empty when no year of the window had discharges. */
    public Optional<Money> propose(int year, List<YearCost> costs) {
        List<YearCost> used = window(year, costs);
        if (used.isEmpty()) {
            return Optional.empty();
        }
        // mean = Σ_k cost_k / n_k / K: over the common denominator K × Π n_k, exactly.
        BigInteger denominator = BigInteger.valueOf(used.size());
        for (YearCost c : used) {
            denominator = denominator.multiply(BigInteger.valueOf(c.discharges()));
        }
        BigDecimal numerator = BigDecimal.ZERO;
        for (YearCost c : used) {
            BigDecimal term = c.cost().amount();
            for (YearCost other : used) {
                if (other != c) {
                    term = term.multiply(BigDecimal.valueOf(other.discharges()));
                }
            }
            numerator = numerator.add(term);
        }
        BigDecimal scaled = numerator.multiply(BigDecimal.ONE.add(growth));
        return Optional.of(Money.of(scaled.divide(new BigDecimal(denominator), Money.SCALE, RoundingMode.HALF_UP)));
    }
}
