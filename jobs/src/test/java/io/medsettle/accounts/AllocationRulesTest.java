package io.medsettle.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.adjudication.MemberCategory;
import io.medsettle.adjudication.PolicyProfiles;
import io.medsettle.ledger.Money;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * DOMAIN.md §4 "Monthly allocation", each city's rule under its shipped profile, on examples worked by
 * hand from the seed article it implements. The comments carry the arithmetic.
 */
class AllocationRulesTest {

    private static final Path POLICIES = Path.of("../config/policies");

    private static AllocationRule rule(String profile) {
        return PolicyProfiles.load(POLICIES, profile).accounts().allocation();
    }

    private static Optional<Money> m(String amount) {
        return Optional.of(Money.of(amount));
    }

    private static AccountHolder inService(LocalDate birth, String wage) {
        return new AccountHolder("P1", MemberCategory.IN_SERVICE, birth, wage == null ? null : Money.of(wage), null);
    }

    private static AccountHolder flexible(LocalDate birth, String wage) {
        return new AccountHolder("P2", MemberCategory.FLEXIBLE, birth, wage == null ? null : Money.of(wage), null);
    }

    private static AccountHolder retired(LocalDate birth, String pension) {
        return new AccountHolder("P3", MemberCategory.RETIRED, birth, null, pension == null ? null : Money.of(pension));
    }

    private static final YearMonth MARCH = YearMonth.of(2026, 3);
    private static final Money BASE = Money.of("5000.00");

    @Nested
    @DisplayName("Lianyungang (seed 000 个人帐户管理办法 二): a share of wage_prev_year / 12 by age on 1 January")
    class Lianyungang {
        private final AllocationRule rule = rule("lianyungang-2000");

        @Test
        @DisplayName("3 % / 3.5 % / 4 % of the monthly wage for ≤ 35 / 36–45 / over 45")
        void bands() {
            // 60000.00 / 12 = 5000.00 a month; the row's base (5000.00 here) is not read
            // born 1996-06-30: 29 on 2026-01-01 → ≤35: 5000 × 0.03 = 150.00
            AccountHolder young = inService(LocalDate.of(1996, 6, 30), "60000.00");
            assertThat(rule.forContribution(young, MARCH, Money.of("9999.00"))).isEqualTo(m("150.00"));
            assertThat(rule.band(young, MARCH)).contains("≤35");
            // born 1986-06-30: 39 → 36–45: 5000 × 0.035 = 175.00
            AccountHolder middle = inService(LocalDate.of(1986, 6, 30), "60000.00");
            assertThat(rule.forContribution(middle, MARCH, BASE)).isEqualTo(m("175.00"));
            assertThat(rule.band(middle, MARCH)).contains("36–45");
            // born 1966-06-30: 59 → over 45: 5000 × 0.04 = 200.00
            AccountHolder older = inService(LocalDate.of(1966, 6, 30), "60000.00");
            assertThat(rule.forContribution(older, MARCH, BASE)).isEqualTo(m("200.00"));
            assertThat(rule.band(older, MARCH)).contains(">45");
        }

        @Test
        @DisplayName("35 and 45 exactly on 1 January stay in the lower band (含35周岁, 含45周岁)")
        void edgesOnTheFirstOfJanuary() {
            // born 1991-01-01: 35 on 2026-01-01 (a birthday on that very day counts) → ≤35, 150.00
            assertThat(rule.forContribution(inService(LocalDate.of(1991, 1, 1), "60000.00"), MARCH, BASE)).isEqualTo(m("150.00"));
            // born 1990-01-01: 36 on 2026-01-01 → 36–45, 175.00
            assertThat(rule.forContribution(inService(LocalDate.of(1990, 1, 1), "60000.00"), MARCH, BASE)).isEqualTo(m("175.00"));
            // born 1981-01-01: 45 on 2026-01-01 → 36–45, 175.00
            assertThat(rule.forContribution(inService(LocalDate.of(1981, 1, 1), "60000.00"), MARCH, BASE)).isEqualTo(m("175.00"));
            // born 1980-01-01: 46 on 2026-01-01 → over 45, 200.00
            assertThat(rule.forContribution(inService(LocalDate.of(1980, 1, 1), "60000.00"), MARCH, BASE)).isEqualTo(m("200.00"));
        }

        @Test
        @DisplayName("a birthday on 2 January changes the band only next year: the age is fixed at the start of the year")
        void birthdayOnTheSecondOfJanuary() {
            // born 1990-01-02: 35 on 2026-01-01 (36 the next day) → ≤35 for all of 2026, even December: 150.00
            AccountHolder member = inService(LocalDate.of(1990, 1, 2), "60000.00");
            assertThat(rule.forContribution(member, YearMonth.of(2026, 1), BASE)).isEqualTo(m("150.00"));
            assertThat(rule.forContribution(member, YearMonth.of(2026, 12), BASE)).isEqualTo(m("150.00"));
            assertThat(rule.band(member, YearMonth.of(2026, 12))).contains("≤35");
            // 36 on 2027-01-01 → 36–45: 175.00
            assertThat(rule.forContribution(member, YearMonth.of(2027, 1), BASE)).isEqualTo(m("175.00"));
            // born 1980-01-02: 45 on 2026-01-01 → 36–45 all year; 46 on 2027-01-01 → over 45
            AccountHolder older = inService(LocalDate.of(1980, 1, 2), "60000.00");
            assertThat(rule.forContribution(older, YearMonth.of(2026, 12), BASE)).isEqualTo(m("175.00"));
            assertThat(rule.forContribution(older, YearMonth.of(2027, 1), BASE)).isEqualTo(m("200.00"));
        }

        @Test
        @DisplayName("flexible workers as in service (DOMAIN.md §4)")
        void flexibleWorkers() {
            // 48000.00 × 0.035 / 12 = 1680 / 12 = 140.00
            AccountHolder member = flexible(LocalDate.of(1986, 6, 30), "48000.00");
            assertThat(rule.forContribution(member, MARCH, BASE)).isEqualTo(m("140.00"));
            assertThat(rule.band(member, MARCH)).contains("36–45");
            assertThat(rule.forRetiree(member, MARCH)).isEmpty();
        }

        @Test
        @DisplayName("retirees: 5 % of pension_prev_year / 12 on the 1st of the month; their contribution rows allocate nothing")
        void retirees() {
            // 36000.00 × 0.05 / 12 = 1800 / 12 = 150.00
            AccountHolder member = retired(LocalDate.of(1955, 5, 5), "36000.00");
            assertThat(rule.forRetiree(member, MARCH)).isEqualTo(m("150.00"));
            assertThat(rule.forContribution(member, MARCH, BASE)).isEmpty();
            assertThat(rule.band(member, MARCH)).contains("退休");
            assertThat(rule.forRetiree(inService(LocalDate.of(1986, 6, 30), "60000.00"), MARCH)).isEmpty();
        }

        @Test
        @DisplayName("a missing wage or pension allocates nothing")
        void missingFigures() {
            assertThat(rule.forContribution(inService(LocalDate.of(1986, 6, 30), null), MARCH, BASE)).isEmpty();
            assertThat(rule.forContribution(flexible(LocalDate.of(1986, 6, 30), null), MARCH, BASE)).isEmpty();
            assertThat(rule.forRetiree(retired(LocalDate.of(1955, 5, 5), null), MARCH)).isEmpty();
        }

        @Test
        @DisplayName("half a fen rounds up, once, on the exact twelfth")
        void halfAFen() {
            // 50002.00 × 0.03 / 12 = 1500.06 / 12 = 125.005 exactly → 125.01 (HALF_UP; HALF_EVEN would give 125.00)
            assertThat(rule.forContribution(inService(LocalDate.of(1996, 6, 30), "50002.00"), MARCH, BASE)).isEqualTo(m("125.01"));
            // 36001.20 × 0.05 / 12 = 1800.06 / 12 = 150.005 exactly → 150.01
            assertThat(rule.forRetiree(retired(LocalDate.of(1955, 5, 5), "36001.20"), MARCH)).isEqualTo(m("150.01"));
            // 60001.00 × 0.035 / 12 = 2100.035 / 12 = 175.0029166… → 175.00 (a twelfth that never ends)
            assertThat(rule.forContribution(inService(LocalDate.of(1986, 6, 30), "60001.00"), MARCH, BASE)).isEqualTo(m("175.00"));
        }
    }

    @Nested
    @DisplayName("Yantai (seed 004 第十七条): a share of the row's base by age on the 1st of the month")
    class Yantai {
        private final AllocationRule rule = rule("yantai-2018");

        @Test
        @DisplayName("2.3 % / 2.7 % / 3.4 % of the base for < 35 / < 45 / ≥ 45")
        void bands() {
            // 5000.00 × 0.023 = 115.00; × 0.027 = 135.00; × 0.034 = 170.00
            AccountHolder young = inService(LocalDate.of(1996, 6, 30), null);
            assertThat(rule.forContribution(young, MARCH, BASE)).isEqualTo(m("115.00"));
            assertThat(rule.band(young, MARCH)).contains("<35");
            AccountHolder middle = inService(LocalDate.of(1986, 6, 30), null);
            assertThat(rule.forContribution(middle, MARCH, BASE)).isEqualTo(m("135.00"));
            assertThat(rule.band(middle, MARCH)).contains("35–44");
            AccountHolder older = inService(LocalDate.of(1966, 6, 30), null);
            assertThat(rule.forContribution(older, MARCH, BASE)).isEqualTo(m("170.00"));
            assertThat(rule.band(older, MARCH)).contains("≥45");
        }

        @Test
        @DisplayName("35 and 45 on the 1st of the month: a birthday on the 1st moves up that month, on the 2nd the next month")
        void edgesOnTheFirstOfTheMonth() {
            // born 1991-03-01: 34 on 2026-02-01 → < 35, 115.00; 35 on 2026-03-01 → 35–44 (不含35周岁), 135.00
            AccountHolder onTheFirst = inService(LocalDate.of(1991, 3, 1), null);
            assertThat(rule.forContribution(onTheFirst, YearMonth.of(2026, 2), BASE)).isEqualTo(m("115.00"));
            assertThat(rule.forContribution(onTheFirst, MARCH, BASE)).isEqualTo(m("135.00"));
            // born 1991-03-02: still 34 on 2026-03-01 → 115.00; 35 on 2026-04-01 → 135.00
            AccountHolder onTheSecond = inService(LocalDate.of(1991, 3, 2), null);
            assertThat(rule.forContribution(onTheSecond, MARCH, BASE)).isEqualTo(m("115.00"));
            assertThat(rule.forContribution(onTheSecond, YearMonth.of(2026, 4), BASE)).isEqualTo(m("135.00"));
            // born 1981-03-01: 45 on 2026-03-01 → ≥ 45, 170.00; born 1981-03-02: 44 → 135.00, then 170.00 in April
            assertThat(rule.forContribution(inService(LocalDate.of(1981, 3, 1), null), MARCH, BASE)).isEqualTo(m("170.00"));
            AccountHolder older = inService(LocalDate.of(1981, 3, 2), null);
            assertThat(rule.forContribution(older, MARCH, BASE)).isEqualTo(m("135.00"));
            assertThat(rule.forContribution(older, YearMonth.of(2026, 4), BASE)).isEqualTo(m("170.00"));
        }

        @Test
        @DisplayName("retirees: age on the 1st of the month × 1.50")
        void retirees() {
            // born 1956-03-01: 70 on 2026-03-01 → 70 × 1.5 = 105.00
            AccountHolder onTheFirst = retired(LocalDate.of(1956, 3, 1), null);
            assertThat(rule.forRetiree(onTheFirst, MARCH)).isEqualTo(m("105.00"));
            assertThat(rule.band(onTheFirst, MARCH)).contains("退休");
            // born 1956-03-02: 69 on 2026-03-01 → 69 × 1.5 = 103.50; 70 on 2026-04-01 → 105.00
            AccountHolder onTheSecond = retired(LocalDate.of(1956, 3, 2), null);
            assertThat(rule.forRetiree(onTheSecond, MARCH)).isEqualTo(m("103.50"));
            assertThat(rule.forRetiree(onTheSecond, YearMonth.of(2026, 4))).isEqualTo(m("105.00"));
            // no pension figure is needed; a retiree's contribution row allocates nothing
            assertThat(rule.forContribution(onTheFirst, MARCH, BASE)).isEmpty();
            assertThat(rule.forRetiree(inService(LocalDate.of(1986, 6, 30), null), MARCH)).isEmpty();
        }

        @Test
        @DisplayName("flexible workers by the same bands (DOMAIN.md §4; seed 004 第六条 differs: docs/accounts.md)")
        void flexibleWorkers() {
            // 4200.00 × 0.034 = 142.80
            assertThat(rule.forContribution(flexible(LocalDate.of(1970, 1, 1), null), MARCH, Money.of("4200.00")))
                    .isEqualTo(m("142.80"));
        }

        @Test
        @DisplayName("half a fen rounds up")
        void halfAFen() {
            // 5015.00 × 0.023 = 115.345 exactly → 115.35 (HALF_UP; HALF_EVEN would give 115.34)
            assertThat(rule.forContribution(inService(LocalDate.of(1996, 6, 30), null), MARCH, Money.of("5015.00")))
                    .isEqualTo(m("115.35"));
        }
    }

    @Nested
    @DisplayName("Langfang (seed 002 第三十六条): 2 % of the base; retirees 60.00 (assumed)")
    class Langfang {
        private final AllocationRule rule = rule("langfang-2024");

        @Test
        @DisplayName("in service and flexible: 2 % of the row's base, no bands")
        void shareOfBase() {
            // 6000.00 × 0.02 = 120.00, whatever the age
            assertThat(rule.forContribution(inService(LocalDate.of(1996, 6, 30), null), MARCH, Money.of("6000.00"))).isEqualTo(m("120.00"));
            assertThat(rule.forContribution(inService(LocalDate.of(1960, 6, 30), null), MARCH, Money.of("6000.00"))).isEqualTo(m("120.00"));
            // 3500.00 × 0.02 = 70.00
            assertThat(rule.forContribution(flexible(LocalDate.of(1986, 6, 30), null), MARCH, Money.of("3500.00"))).isEqualTo(m("70.00"));
            assertThat(rule.band(inService(LocalDate.of(1996, 6, 30), null), MARCH)).isEmpty();
        }

        @Test
        @DisplayName("retirees: the profile's 60.00 a month; their contribution rows allocate nothing")
        void retirees() {
            AccountHolder member = retired(LocalDate.of(1955, 5, 5), null);
            assertThat(rule.forRetiree(member, MARCH)).isEqualTo(m("60.00"));
            assertThat(rule.forContribution(member, MARCH, BASE)).isEmpty();
            assertThat(rule.band(member, MARCH)).isEmpty();
            assertThat(rule.forRetiree(flexible(LocalDate.of(1986, 6, 30), null), MARCH)).isEmpty();
        }

        @Test
        @DisplayName("half a fen rounds up")
        void halfAFen() {
            // 1234.25 × 0.02 = 24.685 exactly → 24.69 (HALF_EVEN would give 24.68)
            assertThat(rule.forContribution(inService(LocalDate.of(1996, 6, 30), null), MARCH, Money.of("1234.25"))).isEqualTo(m("24.69"));
        }
    }

    @Nested
    @DisplayName("Zhenjiang (seed 003 (三)): 2 % of the base; retirees 2.5 % of the profile's average pension (assumed 3000.00)")
    class Zhenjiang {
        private final AllocationRule rule = rule("zhenjiang-2023");

        @Test
        @DisplayName("in service and flexible (按本人参保缴费基数的2%计入): 2 % of the row's base")
        void shareOfBase() {
            // 6000.00 × 0.02 = 120.00; flexible 2345.67 × 0.02 = 46.9134 → 46.91
            assertThat(rule.forContribution(inService(LocalDate.of(1986, 6, 30), null), MARCH, Money.of("6000.00"))).isEqualTo(m("120.00"));
            assertThat(rule.forContribution(flexible(LocalDate.of(1986, 6, 30), null), MARCH, Money.of("2345.67"))).isEqualTo(m("46.91"));
            assertThat(rule.band(flexible(LocalDate.of(1986, 6, 30), null), MARCH)).isEmpty();
        }

        @Test
        @DisplayName("retirees: round2(0.025 × 3000.00) = 75.00 each")
        void retirees() {
            AccountHolder member = retired(LocalDate.of(1955, 5, 5), "40000.00");
            assertThat(rule.forRetiree(member, MARCH)).isEqualTo(m("75.00"));
            assertThat(rule.forContribution(member, MARCH, BASE)).isEmpty();
            assertThat(rule.forRetiree(inService(LocalDate.of(1986, 6, 30), null), MARCH)).isEmpty();
        }

        @Test
        @DisplayName("a share of an average pension rounds once, HALF_UP")
        void shareOfAveragePensionRounds() {
            // 0.025 × 3000.20 = 75.005 exactly → 75.01
            RetireeAmount amount = new RetireeAmount.ShareOfAveragePension(new java.math.BigDecimal("0.025"), Money.of("3000.20"));
            assertThat(amount.monthly()).isEqualTo(Money.of("75.01"));
        }
    }

    @Test
    @DisplayName("age bands label the limits as the document writes them")
    void labels() {
        var rates = java.util.List.of(new java.math.BigDecimal("0.01"), new java.math.BigDecimal("0.02"),
                new java.math.BigDecimal("0.03"), new java.math.BigDecimal("0.04"));
        AgeBands inclusive = AgeBands.of(java.util.List.of(35, 45, 55), AgeBands.Limits.INCLUSIVE, rates, AgeBands.AgeDay.YEAR_START);
        assertThat(inclusive.bands()).extracting(AgeBands.Band::label).containsExactly("≤35", "36–45", "46–55", ">55");
        AgeBands exclusive = AgeBands.of(java.util.List.of(35, 45, 55), AgeBands.Limits.EXCLUSIVE, rates, AgeBands.AgeDay.PERIOD_START);
        assertThat(exclusive.bands()).extracting(AgeBands.Band::label).containsExactly("<35", "35–44", "45–54", "≥55");
    }
}
