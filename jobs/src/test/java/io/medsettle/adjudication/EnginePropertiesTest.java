package io.medsettle.adjudication;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.ledger.Money;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Properties that hold for every profile, every member and every sequence of admissions. */
class EnginePropertiesTest {

    private static final List<String> PROFILES = List.of("lianyungang-2000", "langfang-2024", "zhenjiang-2023", "yantai-2018");

    @Provide
    Arbitrary<String> profiles() {
        return Arbitraries.of(PROFILES);
    }

    @Provide
    Arbitrary<List<Long>> yearsOfCosts() {
        // Costs in fen, from a small stay to a catastrophic one, a few admissions a year.
        return Arbitraries.longs().between(1_00, 600_000_00).list().ofMinSize(1).ofMaxSize(8);
    }

    private static Cases.S admission(long fen, int i) {
        Cases.S s = Cases.settlement().total(Money.ofFen(fen).toString());
        if (i % 3 == 1) {
            s.fee("clab_amt", Money.ofFen(fen / 10).toString()).fee("implant_imp_amt", Money.ofFen(fen / 20).toString());
        }
        if (i % 4 == 2) {
            s.chemo();
        }
        return s;
    }

    @Property(tries = 400)
    void memberShareAndFundSharesAddUpToTheTotal(@ForAll("profiles") String profile, @ForAll("yearsOfCosts") List<Long> costs,
                                                 @ForAll boolean retired, @ForAll @IntRange(min = 1, max = 3) int level) {
        BenefitEngine engine = Cases.engine(profile);
        MemberYear year = new MemberYear(2026);
        for (int i = 0; i < costs.size(); i++) {
            Adjudication a = engine.adjudicate(retired ? Cases.retired() : Cases.inService(), Cases.level(level),
                    admission(costs.get(i), i).build(), year);
            assertThat(a.memberPart().plus(a.fundPay()).plus(a.supplementaryPay()))
                    .isEqualTo(Money.ofFen(costs.get(i)));
            assertThat(a.fundPay().isNegative()).isFalse();
            assertThat(a.memberPart().isNegative()).isFalse();
            assertThat(a.overCap().isNegative()).isFalse();
        }
    }

    @Property(tries = 300)
    void theFundNeverPaysMoreThanTheCapAllows(@ForAll("profiles") String profile, @ForAll("yearsOfCosts") List<Long> costs) {
        BenefitEngine engine = Cases.engine(profile);
        AnnualCap cap = engine.profile().annualCap();
        MemberYear year = new MemberYear(2026);
        Money fund = Money.ZERO;
        Money inScope = Money.ZERO;
        for (int i = 0; i < costs.size(); i++) {
            Adjudication a = engine.adjudicate(Cases.inService(), Cases.level(3), admission(costs.get(i), i).build(), year);
            fund = fund.plus(a.fundPay());
            inScope = inScope.plus(a.inScope().minus(a.overCap()));
        }
        if (cap.basis() == AnnualCap.Basis.FUND_PAID) {
            assertThat(fund).isLessThanOrEqualTo(cap.amount());
        } else {
            assertThat(inScope).isLessThanOrEqualTo(cap.amount());
            assertThat(fund).isLessThanOrEqualTo(cap.amount());
        }
    }

    @Property(tries = 400)
    void moreCostNeverMeansLessMemberShare(@ForAll("profiles") String profile, @ForAll("yearsOfCosts") List<Long> before,
                                           @ForAll @IntRange(min = 100, max = 50_000_000) int cost,
                                           @ForAll @IntRange(min = 1, max = 1_000_000) int more,
                                           @ForAll @IntRange(min = 1, max = 3) int level) {
        List<Money> shares = new ArrayList<>();
        for (long fen : new long[] {cost, (long) cost + more}) {
            BenefitEngine engine = Cases.engine(profile);
            MemberYear year = new MemberYear(2026);
            for (int i = 0; i < before.size(); i++) {
                engine.adjudicate(Cases.inService(), Cases.level(level), admission(before.get(i), i).build(), year);
            }
            shares.add(engine.adjudicate(Cases.inService(), Cases.level(level),
                    Cases.settlement().total(Money.ofFen(fen).toString()).build(), year).memberPart());
        }
        assertThat(shares.get(1)).isGreaterThanOrEqualTo(shares.get(0));
    }
}
