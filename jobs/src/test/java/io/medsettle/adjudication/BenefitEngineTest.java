package io.medsettle.adjudication;

import static io.medsettle.adjudication.Cases.earlier;
import static io.medsettle.adjudication.Cases.engine;
import static io.medsettle.adjudication.Cases.inService;
import static io.medsettle.adjudication.Cases.level;
import static io.medsettle.adjudication.Cases.retired;
import static io.medsettle.adjudication.Cases.settlement;
import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.ledger.Money;

import java.time.LocalDate;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * DOMAIN.md section 1, each rule on an example worked by hand from the seed article it implements.
 * The comments carry the arithmetic.
 */
class BenefitEngineTest {

    private static Money m(String amount) {
        return Money.of(amount);
    }

    @Nested
    @DisplayName("Lianyungang 2000 (seed 000; deductible, bands and cap assumed per DOMAIN.md)")
    class Lianyungang {
        private final BenefitEngine engine = engine("lianyungang-2000");

        @Test
        @DisplayName("pre-self-pay per class, co-pay bands on the admission's in-scope cost")
        void bands() {
            Settlement s = settlement().total("12000").ownPay("500").fee("implant_imp_amt", "1000")
                    .fee("lrg_equip_amt", "400").build();

            Adjudication a = engine.adjudicate(inService(), level(2), s, new MemberYear(2026));

            // imported implant 30 % of 1000 = 300.00; large equipment 10 % of 400 = 40.00
            assertThat(a.preSelfPay()).isEqualTo(m("340.00"));
            // 12000 − 500 − 340 = 11160.00
            assertThat(a.inScope()).isEqualTo(m("11160.00"));
            assertThat(a.deductible()).isEqualTo(m("500.00"));
            // level 2: (5000 − 500) × 0.88 = 3960 + 5000 × 0.92 = 4600 + 1160 × 0.96 = 1113.60
            assertThat(a.fundPay()).isEqualTo(m("9673.60"));
            assertThat(a.memberPart()).isEqualTo(m("2326.40"));
            assertThat(a.overCap()).isEqualTo(Money.ZERO);
        }

        @Test
        @DisplayName("retirees pay half the co-pay")
        void retireeHalfCopay() {
            Settlement s = settlement().total("12000").ownPay("500").fee("implant_imp_amt", "1000")
                    .fee("lrg_equip_amt", "400").build();

            Adjudication a = engine.adjudicate(retired(), level(2), s, new MemberYear(2026));

            // rates 1 − 0.12/2 = 0.94, 0.96, 0.98: 4500 × 0.94 + 5000 × 0.96 + 1160 × 0.98 = 4230 + 4800 + 1136.80
            assertThat(a.fundPay()).isEqualTo(m("10166.80"));
        }

        @Test
        @DisplayName("crossing the 40000 in-scope cap: the assistance fund pays 90 % of the over-cap cost")
        void crossingTheCapIntoTheAssistanceBand() {
            MemberYear year = new MemberYear(2026);
            Adjudication first = engine.adjudicate(inService(), level(1), settlement().total("35000").build(), year);
            // (5000 − 300) × 0.90 + 5000 × 0.94 + 25000 × 0.97 = 4230 + 4700 + 24250
            assertThat(first.fundPay()).isEqualTo(m("33180.00"));

            Adjudication second = engine.adjudicate(inService(), level(1), settlement().total("20000").build(), year);

            // room 40000 − 35000 = 5000: deductible 300, fund (5000 − 300) × 0.90 = 4230.00, over-cap 15000.00
            assertThat(second.deductible()).isEqualTo(m("300.00"));
            assertThat(second.fundPay()).isEqualTo(m("4230.00"));
            assertThat(second.overCap()).isEqualTo(m("15000.00"));
            // cumulative in-scope 40000 → 55000, all at or below 100000: 90 % of 15000
            assertThat(second.supplementaryPay()).isEqualTo(m("13500.00"));
            assertThat(second.memberPart()).isEqualTo(m("2270.00"));
        }

        @Test
        @DisplayName("above 100000 cumulative in-scope cost the assistance fund pays nothing")
        void aboveTheAssistanceBand() {
            MemberYear year = new MemberYear(2026);
            earlier(year, "95000", "37000", "49500");

            Adjudication a = engine.adjudicate(inService(), level(1), settlement().total("10000").build(), year);

            // all over the cap; of 95000 → 105000 only 5000 lies at or below 100000: 4500.00
            assertThat(a.fundPay()).isEqualTo(Money.ZERO);
            assertThat(a.overCap()).isEqualTo(m("10000.00"));
            assertThat(a.supplementaryPay()).isEqualTo(m("4500.00"));
        }

        @Test
        @DisplayName("a referral out pays another 20 % of the rest, rounded on its own")
        void referralOut() {
            Settlement s = settlement().total("10000").ownPay("1000").fee("implant_dom_amt", "333.33")
                    .offsite("referral_out").build();

            Adjudication a = engine.adjudicate(inService(), level(1), s, new MemberYear(2026));

            // domestic implant 10 % of 333.33 = 33.333 → 33.33; rest 10000 − 1000 − 33.33 = 8966.67 × 20 % = 1793.334 → 1793.33
            assertThat(a.preSelfPay()).isEqualTo(m("1826.66"));
        }
    }

    @Nested
    @DisplayName("Langfang 2024 (seed 002 第二十二条, 第四十七条, 第五十一条)")
    class Langfang {
        private final BenefitEngine engine = engine("langfang-2024");

        @Test
        @DisplayName("class-B 5 % and anti-tumour 20 % first, then the flat ratio")
        void flatRatio() {
            Settlement s = settlement().total("10000").fee("clab_amt", "2000").fee("nego_antitumor_amt", "1000").build();

            Adjudication a = engine.adjudicate(inService(), level(2), s, new MemberYear(2026));

            // 100.00 + 200.00 = 300.00; in-scope 9700; deductible 400; (9700 − 400) × 0.93 = 8649.00
            assertThat(a.preSelfPay()).isEqualTo(m("300.00"));
            assertThat(a.fundPay()).isEqualTo(m("8649.00"));
            assertThat(a.memberPart()).isEqualTo(m("1351.00"));
        }

        @Test
        @DisplayName("deductible: TCM one level lower, retirees −100, each further admission −100, floor 0")
        void deductibleAdjustments() {
            Institution tcm3 = new Institution("T3", 3, "tcm", Optional.empty());
            MemberYear year = new MemberYear(2026);

            // level 3 TCM → level 2's 400; retiree − 100 = 300; then 200, 100, 0, 0
            assertThat(engine.adjudicate(retired(), tcm3, settlement().total("5000").build(), year).deductible()).isEqualTo(m("300.00"));
            assertThat(engine.adjudicate(retired(), tcm3, settlement().total("5000").build(), year).deductible()).isEqualTo(m("200.00"));
            assertThat(engine.adjudicate(retired(), tcm3, settlement().total("5000").build(), year).deductible()).isEqualTo(m("100.00"));
            assertThat(engine.adjudicate(retired(), tcm3, settlement().total("5000").build(), year).deductible()).isEqualTo(Money.ZERO);
            assertThat(engine.adjudicate(retired(), tcm3, settlement().total("5000").build(), year).deductible()).isEqualTo(Money.ZERO);
        }

        @Test
        @DisplayName("temporary cross-province treatment: 10 % first, the ratio on the rest")
        void crossProvince() {
            Settlement s = settlement().total("10200").offsite("temp_cross_province").build();

            // (10200 − 200) × 0.96 × 0.90 = 8640.00
            assertThat(engine.adjudicate(inService(), level(1), s, new MemberYear(2026)).fundPay()).isEqualTo(m("8640.00"));
        }

        @Test
        @DisplayName("the 350000 fund cap runs out inside an admission at x* = s + R / rate")
        void fundCapCrossedInsideAnAdmission() {
            MemberYear year = new MemberYear(2026);
            earlier(year, "370000", "349000.00", "0");

            Adjudication a = engine.adjudicate(inService(), level(1), settlement().total("10200").build(), year);

            // second admission: deductible 200 − 100 = 100; room 1000; x* = 100 + 1000 / 0.96 = 1141.6666..
            assertThat(a.deductible()).isEqualTo(m("100.00"));
            assertThat(a.fundPay()).isEqualTo(m("1000.00"));
            // over-cap = round2(10200 − 1141.6666..) = 9058.33
            assertThat(a.overCap()).isEqualTo(m("9058.33"));
            assertThat(a.memberPart()).isEqualTo(m("9200.00"));
        }

        @Test
        @DisplayName("waiting period: 3 months after joining, 6 for flexible workers (第二十二条)")
        void waitingPeriod() {
            Member joined = new Member("P1", MemberCategory.IN_SERVICE, LocalDate.of(1990, 1, 1), LocalDate.of(2026, 1, 15), 0);
            Member flexible = new Member("P1", MemberCategory.FLEXIBLE, LocalDate.of(1990, 1, 1), LocalDate.of(2026, 1, 15), 0);

            Adjudication before = engine.adjudicate(joined, level(1),
                    settlement().total("1000").begin(LocalDate.of(2026, 4, 14)).build(), new MemberYear(2026));
            Adjudication on = engine.adjudicate(joined, level(1),
                    settlement().total("1000").begin(LocalDate.of(2026, 4, 15)).build(), new MemberYear(2026));
            Adjudication flexibleOn = engine.adjudicate(flexible, level(1),
                    settlement().total("1000").begin(LocalDate.of(2026, 7, 14)).build(), new MemberYear(2026));

            assertThat(before.eligible()).isFalse();
            assertThat(before.reason()).isEqualTo("waiting_period");
            assertThat(before.memberPart()).isEqualTo(m("1000.00"));
            assertThat(before.fundPay()).isEqualTo(Money.ZERO);
            assertThat(on.eligible()).isTrue();
            assertThat(flexibleOn.reason()).isEqualTo("waiting_period");
        }

        @Test
        @DisplayName("a mid-way settlement pays one deductible for the stay")
        void midWaySettlement() {
            MemberYear year = new MemberYear(2026);
            Adjudication first = engine.adjudicate(inService(), level(1), settlement().total("150").stay("STAY").build(), year);
            Adjudication second = engine.adjudicate(inService(), level(1), settlement().total("5000").stay("STAY").build(), year);

            // first: 150 of the 200 deductible, nothing paid; second: the 50 left, then (5150 − 200) on the stay's scale
            assertThat(first.deductible()).isEqualTo(m("150.00"));
            assertThat(first.fundPay()).isEqualTo(Money.ZERO);
            assertThat(second.deductible()).isEqualTo(m("50.00"));
            // (5000 − 50) × 0.96 = 4752.00
            assertThat(second.fundPay()).isEqualTo(m("4752.00"));
        }
    }

    @Nested
    @DisplayName("Zhenjiang 2023 (seed 003 二(二)1, 职工大病保险)")
    class Zhenjiang {
        private final BenefitEngine engine = engine("zhenjiang-2023");

        @Test
        @DisplayName("deductible by tier, retirees 50 %, second admission 50 %, third free")
        void deductibles() {
            Institution named = new Institution("Z1", 3, "general", Optional.of("tier3a"));
            MemberYear year = new MemberYear(2026);

            // 1200 × 50 % = 600; second 300; third 0
            assertThat(engine.adjudicate(retired(), named, settlement().total("9000").build(), year).deductible()).isEqualTo(m("600.00"));
            assertThat(engine.adjudicate(retired(), named, settlement().total("9000").build(), year).deductible()).isEqualTo(m("300.00"));
            assertThat(engine.adjudicate(retired(), named, settlement().total("9000").build(), year).deductible()).isEqualTo(Money.ZERO);
            // other level 3: 800
            assertThat(engine.adjudicate(inService(), level(3), settlement().total("9000").build(), new MemberYear(2026))
                    .deductible()).isEqualTo(m("800.00"));
        }

        @Test
        @DisplayName("critical illness insurance: 60 % of the burden above 6000")
        void criticalIllness() {
            MemberYear year = new MemberYear(2026);
            earlier(year, "5000", "0", "0");

            Adjudication a = engine.adjudicate(inService(), level(1), settlement().total("10400").build(), year);

            // second admission: deductible 400 × 50 % = 200; fund (10400 − 200) × 0.85 = 8670.00
            assertThat(a.fundPay()).isEqualTo(m("8670.00"));
            // burden 5000 + (10400 − 8670) = 6730: 730 above 6000 × 60 % = 438.00
            assertThat(a.supplementaryPay()).isEqualTo(m("438.00"));
        }

        @Test
        @DisplayName("waiting period: from the first of the next month")
        void nextMonth() {
            Member joined = new Member("P1", MemberCategory.IN_SERVICE, LocalDate.of(1990, 1, 1), LocalDate.of(2026, 1, 15), 0);

            assertThat(engine.adjudicate(joined, level(1), settlement().total("900").begin(LocalDate.of(2026, 1, 31)).build(),
                    new MemberYear(2026)).reason()).isEqualTo("waiting_period");
            assertThat(engine.adjudicate(joined, level(1), settlement().total("900").begin(LocalDate.of(2026, 2, 1)).build(),
                    new MemberYear(2026)).eligible()).isTrue();
        }
    }

    @Nested
    @DisplayName("Yantai 2018 (seed 004 第十一条, 第十二条)")
    class Yantai {
        private final BenefitEngine engine = engine("yantai-2018");

        @Test
        @DisplayName("progressive segments at level 3, retirees +5 points")
        void segments() {
            Settlement s = settlement().total("20000").build();

            // (5000 − 800) × 0.80 + 5000 × 0.85 + 10000 × 0.90 = 3360 + 4250 + 9000
            assertThat(engine.adjudicate(inService(), level(3), s, new MemberYear(2026)).fundPay()).isEqualTo(m("16610.00"));
            // 4200 × 0.85 + 5000 × 0.90 + 10000 × 0.95 = 3570 + 4500 + 9500
            assertThat(engine.adjudicate(retired(), level(3), s, new MemberYear(2026)).fundPay()).isEqualTo(m("17570.00"));
        }

        @Test
        @DisplayName("exactly at a segment boundary and exactly at the deductible")
        void boundaries() {
            // level 2: (10000 − 500) × 0.85 = 8075.00
            assertThat(engine.adjudicate(inService(), level(2), settlement().total("10000").build(), new MemberYear(2026))
                    .fundPay()).isEqualTo(m("8075.00"));
            Adjudication atDeductible = engine.adjudicate(inService(), level(2), settlement().total("500").build(), new MemberYear(2026));
            assertThat(atDeductible.deductible()).isEqualTo(m("500.00"));
            assertThat(atDeductible.fundPay()).isEqualTo(Money.ZERO);
            assertThat(atDeductible.memberPart()).isEqualTo(m("500.00"));
        }

        @Test
        @DisplayName("chemotherapy admissions pay the deductible once a year")
        void chemoOnce() {
            MemberYear year = new MemberYear(2026);
            assertThat(engine.adjudicate(inService(), level(1), settlement().total("3000").chemo().build(), year).deductible())
                    .isEqualTo(m("200.00"));
            assertThat(engine.adjudicate(inService(), level(1), settlement().total("3000").chemo().build(), year).deductible())
                    .isEqualTo(Money.ZERO);
        }

        @Test
        @DisplayName("after the cap: the whole cost above the deductible is over-cap, 90 % from large-amount assistance")
        void largeAmount() {
            MemberYear year = new MemberYear(2026);
            earlier(year, "300000", "250000.00", "0");

            Adjudication a = engine.adjudicate(inService(), level(1), settlement().total("10200").build(), year);

            assertThat(a.fundPay()).isEqualTo(Money.ZERO);
            assertThat(a.overCap()).isEqualTo(m("10000.00"));
            assertThat(a.supplementaryPay()).isEqualTo(m("9000.00"));
            assertThat(a.memberPart()).isEqualTo(m("1200.00"));
        }

        @Test
        @DisplayName("large-amount assistance stops at 400000 a year")
        void largeAmountMaximum() {
            MemberYear year = new MemberYear(2026);
            earlier(year, "700000", "250000.00", "399500.00");

            assertThat(engine.adjudicate(inService(), level(1), settlement().total("10200").build(), year).supplementaryPay())
                    .isEqualTo(m("500.00"));
        }
    }

    @Test
    @DisplayName("a reported figure more than 0.01 off is a difference; 0.01 is not")
    void differences() {
        BenefitEngine engine = engine("langfang-2024");
        ReportedFigures close = new ReportedFigures(null, null, null, m("8649.01"), null, null, null, null, null);
        ReportedFigures far = new ReportedFigures(null, null, m("400.00"), m("8649.02"), null, null, m("1351.00"), null, null);

        Adjudication ok = engine.adjudicate(inService(), level(2), settlement().total("10000").fee("clab_amt", "2000")
                .fee("nego_antitumor_amt", "1000").reported(close).build(), new MemberYear(2026));
        Adjudication off = engine.adjudicate(inService(), level(2), settlement().total("10000").fee("clab_amt", "2000")
                .fee("nego_antitumor_amt", "1000").reported(far).build(), new MemberYear(2026));

        assertThat(ok.differs()).isFalse();
        assertThat(off.differences()).containsExactly("hifp_pay");
    }

    @Test
    @DisplayName("a cancellation takes back the original's figures and its place in the year")
    void cancellation() {
        BenefitEngine engine = engine("langfang-2024");
        MemberYear year = new MemberYear(2026);
        Settlement original = settlement().total("5200").build();
        Adjudication first = engine.adjudicate(inService(), level(1), original, year);

        Adjudication cancel = engine.adjudicate(inService(), level(1), settlement().total("5200").cancels(original.setlId()).build(), year);
        Adjudication next = engine.adjudicate(inService(), level(1), settlement().total("5200").build(), year);

        assertThat(cancel.fundPay()).isEqualTo(first.fundPay().negate());
        assertThat(cancel.reason()).isEqualTo("cancels:" + original.setlId());
        // The cancelled admission no longer counts: the next one is the first again (deductible 200).
        assertThat(next.deductible()).isEqualTo(m("200.00"));
    }
}
