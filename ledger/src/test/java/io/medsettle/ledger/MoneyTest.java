package io.medsettle.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void keepsTwoDecimalsAndRefusesFinerAmounts() {
        assertThat(Money.of("12.3")).hasToString("12.30");
        assertThat(Money.of("12.30")).isEqualTo(Money.of("12.3"));
        assertThatThrownBy(() -> Money.of("0.001"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than 2 decimals");
    }

    @Test
    void roundsProducedFiguresHalfUpOnce() {
        assertThat(Money.rounded(new BigDecimal("0.005"))).isEqualTo(Money.of("0.01"));
        assertThat(Money.rounded(new BigDecimal("0.00499999"))).isEqualTo(Money.ZERO);
        assertThat(Money.rounded(new BigDecimal("-0.005"))).isEqualTo(Money.of("-0.01"));
        // 90 % of 33.35 is 30.015: HALF_UP gives 30.02 (a bank's HALF_EVEN would give 30.02 too; 30.025 tells them apart).
        assertThat(Money.of("33.35").timesRounded(new BigDecimal("0.9"))).isEqualTo(Money.of("30.02"));
    }

    @Test
    void allocatesByLargestRemainder() {
        // 100.00 over three equal weights: 33.33 each with 0.01 left, given to the first (the tie goes to the earlier).
        assertThat(Money.of("100").allocate(List.of(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE)))
                .containsExactly(Money.of("33.34"), Money.of("33.33"), Money.of("33.33"));
        // Quotas 6.666.., 3.333..: floors 6.66 and 3.33, the remaining fen goes to the larger remainder (the first).
        assertThat(Money.of("10").allocate(List.of(new BigDecimal("2"), new BigDecimal("1"))))
                .containsExactly(Money.of("6.67"), Money.of("3.33"));
        // Remainders .4 and .6 of a fen: the second gets the fen although it is later.
        assertThat(Money.of("0.10").allocate(List.of(new BigDecimal("0.14"), new BigDecimal("0.86"))))
                .containsExactly(Money.of("0.01"), Money.of("0.09"));
        assertThat(Money.of("-10").allocate(List.of(new BigDecimal("2"), new BigDecimal("1"))))
                .containsExactly(Money.of("-6.67"), Money.of("-3.33"));
        assertThat(Money.of("5").allocate(List.of(BigDecimal.ZERO, BigDecimal.ONE)))
                .containsExactly(Money.ZERO, Money.of("5"));
    }

    @Test
    void refusesWeightsThatCannotSplit() {
        assertThatThrownBy(() -> Money.of("1").allocate(List.of(BigDecimal.ZERO)))
                .hasMessageContaining("positive weight");
        assertThatThrownBy(() -> Money.of("1").allocate(List.of(BigDecimal.ONE.negate(), BigDecimal.TEN)))
                .hasMessageContaining("negative");
    }

    @Property(tries = 2000)
    void allocationAddsUpExactlyAndStaysWithinAFenOfTheQuota(
            @ForAll @LongRange(min = -10_000_000_000L, max = 10_000_000_000L) long fen,
            @ForAll("weights") List<BigDecimal> weights) {
        Money total = Money.ofFen(fen);
        List<Money> parts = total.allocate(weights);

        assertThat(Money.sum(parts)).isEqualTo(total);
        BigDecimal weightSum = weights.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        for (int i = 0; i < parts.size(); i++) {
            BigDecimal quota = total.amount().multiply(weights.get(i)).divide(weightSum, 10, java.math.RoundingMode.HALF_EVEN);
            assertThat(parts.get(i).amount().subtract(quota).abs()).isLessThan(new BigDecimal("0.01"));
        }
    }

    @Provide
    Arbitrary<List<BigDecimal>> weights() {
        Arbitrary<BigDecimal> weight = Arbitraries.bigDecimals()
                .between(BigDecimal.ZERO, new BigDecimal("99999999.99")).ofScale(2);
        return weight.list().ofMinSize(1).ofMaxSize(30)
                .filter(ws -> ws.stream().anyMatch(w -> w.signum() > 0));
    }
}
