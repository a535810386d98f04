package io.medsettle.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medsettle.ledger.Money;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** DOMAIN.md §3's year-end rules, worked by hand: release by score, compensation, average proposals. */
class YearEndRulesTest {

    private static final ReleaseSchedule ASSUMED = ReleaseSchedule.assumed();

    private static BigDecimal rate(String score) {
        return ASSUMED.rate(new BigDecimal(score));
    }

    @Test
    void theReleaseRateIsOneFromNinetyTheScoreFromSixtyAndNothingBelow() {
        assertThat(rate("100")).isEqualByComparingTo("1");
        assertThat(rate("90")).isEqualByComparingTo("1");
        assertThat(rate("89.99")).isEqualByComparingTo("0.8999");
        assertThat(rate("75.5")).isEqualByComparingTo("0.755");
        assertThat(rate("60")).isEqualByComparingTo("0.6");
        assertThat(rate("59.99")).isEqualByComparingTo("0");
        assertThat(rate("0")).isEqualByComparingTo("0");
        assertThatThrownBy(() -> rate("100.01")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReleaseSchedule(List.of(ReleaseSchedule.Band.fixed("60", "1"))))
                .hasMessageContaining("start at score 0");
    }

    private static HoldbackRelease.Held held(String pooled, String sup, String acct) {
        return new HoldbackRelease.Held(Money.of(pooled), Money.of(sup), Money.of(acct));
    }

    @Test
    void theReleaseIsRoundedOnceAndTheForfeitedPartGoesBackToEachStreamExactly() {
        // 1,234.57 × 0.8765 = 1,082.100605 → 1,082.10; forfeited 152.47 over 1,000.00 : 200.00 : 34.57:
        // quotas 123.5019…, 24.7003…, 4.2696…; floors 123.50 + 24.70 + 4.26 = 152.46; the fen left goes to
        // the largest remainder (the account stream's .96): 4.27.
        HoldbackRelease.Release release = HoldbackRelease.of(held("1000.00", "200.00", "34.57"), new BigDecimal("0.8765"));
        assertThat(release.released()).hasToString("1082.10");
        assertThat(release.forfeited()).isEqualTo(held("123.50", "24.70", "4.27"));
        assertThat(release.released().plus(release.forfeitedTotal())).hasToString("1234.57");

        assertThat(HoldbackRelease.of(held("90.00", "0.00", "10.00"), BigDecimal.ONE).forfeitedTotal()).isEqualTo(Money.ZERO);
        assertThat(HoldbackRelease.of(held("90.00", "0.00", "10.00"), BigDecimal.ZERO).forfeited())
                .isEqualTo(held("90.00", "0.00", "10.00"));
        // An institution with account payments only (a pharmacy) holds only the account stream.
        assertThat(HoldbackRelease.of(held("0.00", "0.00", "33.33"), new BigDecimal("0.7")).forfeited())
                .isEqualTo(held("0.00", "0.00", "10.00"));
        assertThat(HoldbackRelease.of(held("0.00", "0.00", "0.00"), new BigDecimal("0.7")).released()).isEqualTo(Money.ZERO);
    }

    @Test
    void aSurplusAsLargeAsTheUnpaidTotalPaysEveryoneInFull() {
        Map<String, Money> unpaid = Map.of("H2", Money.of("300.00"), "H1", Money.of("200.00"), "H3", Money.ZERO);
        assertThat(OverBudgetCompensation.of(Money.of("500.00"), unpaid))
                .containsExactly(Map.entry("H1", Money.of("200.00")), Map.entry("H2", Money.of("300.00")),
                        Map.entry("H3", Money.ZERO));
        assertThat(OverBudgetCompensation.of(Money.of("9999.00"), unpaid).get("H2")).isEqualTo(Money.of("300.00"));
    }

    @Test
    void aSmallerSurplusIsSplitProRataTiesToTheSmallerCode() {
        // 100.00 over 3 × 50.00: 33.333… each; one fen left, to the smallest code of the tied remainders.
        Map<String, Money> unpaid = Map.of("H3", Money.of("50.00"), "H1", Money.of("50.00"), "H2", Money.of("50.00"));
        assertThat(OverBudgetCompensation.of(Money.of("100.00"), unpaid))
                .containsExactly(Map.entry("H1", Money.of("33.34")), Map.entry("H2", Money.of("33.33")),
                        Map.entry("H3", Money.of("33.33")));
        // 10.00 over 70.00 : 30.00: 7.00 and 3.00, exact.
        assertThat(OverBudgetCompensation.of(Money.of("10.00"), Map.of("A", Money.of("70.00"), "B", Money.of("30.00"))))
                .containsExactly(Map.entry("A", Money.of("7.00")), Map.entry("B", Money.of("3.00")));
    }

    @Test
    void noSurplusPaysNothing() {
        Map<String, Money> unpaid = Map.of("H1", Money.of("50.00"));
        assertThat(OverBudgetCompensation.of(Money.ZERO, unpaid)).containsExactly(Map.entry("H1", Money.ZERO));
        assertThat(OverBudgetCompensation.of(Money.of("-5.00"), unpaid)).containsExactly(Map.entry("H1", Money.ZERO));
    }

    private static AverageProposal.YearCost cost(int year, long discharges, String cost) {
        return new AverageProposal.YearCost(year, discharges, Money.of(cost));
    }

    @Test
    void theProposalIsTheMeanOfUpToFourYearsAveragesWithGrowthRoundedOnce() {
        AverageProposal proposal = new AverageProposal(new BigDecimal("0.05"));
        // One year: 10,000.00 / 3 = 3,333.333…; × 1.05 = 3,500.00 exactly (not round2(3,333.33) × 1.05 = 3,499.9965).
        assertThat(proposal.propose(2030, List.of(cost(2030, 3, "10000.00")))).contains(Money.of("3500.00"));
        // Two years: 3,000.00 and 10,000.00 / 3: mean 3,166.666…; × 1.05 = 3,325.00.
        assertThat(proposal.propose(2030, List.of(cost(2029, 2, "6000.00"), cost(2030, 3, "10000.00"))))
                .contains(Money.of("3325.00"));
        // Four years of 1,000.00, 2,000.00, 3,000.00, 4,000.00: mean 2,500.00 × 1.05 = 2,625.00; a fifth, older
        // year is outside the window, and a year without discharges is not a year of the mean.
        List<AverageProposal.YearCost> years = List.of(cost(2026, 1, "90000.00"), cost(2027, 2, "2000.00"),
                cost(2028, 1, "2000.00"), cost(2029, 3, "9000.00"), cost(2030, 4, "16000.00"));
        assertThat(proposal.propose(2030, years)).contains(Money.of("2625.00"));
        // Three years: 1,000.01 / 1, 1,000.00 / 3, 7.00 / 7: mean 444.781111…; × 1.05 = 467.020166… → 467.02.
        assertThat(proposal.propose(2030, List.of(cost(2028, 1, "1000.01"), cost(2029, 3, "1000.00"),
                cost(2030, 7, "7.00")))).contains(Money.of("467.02"));
        assertThat(proposal.propose(2030, List.of(cost(2025, 1, "1000.00")))).as("no discharges in the window").isEmpty();
        assertThat(proposal.propose(2030, List.of())).isEmpty();
    }
}
