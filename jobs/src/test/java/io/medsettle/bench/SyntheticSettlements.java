package io.medsettle.bench;

import io.medsettle.adjudication.Institution;
import io.medsettle.adjudication.Member;
import io.medsettle.adjudication.MemberCategory;
import io.medsettle.adjudication.ReportedFigures;
import io.medsettle.adjudication.Settlement;
import io.medsettle.ledger.Money;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Settlements for benchmarks, made on the fly in member order (a sorted stream): a few admissions
 * per member, costs by level of care, a few catastrophic ones that cross the cap.
 */
final class SyntheticSettlements {

    static final Institution[] INSTITUTIONS = {
            new Institution("H1", 1, "community", Optional.empty()),
            new Institution("H2", 2, "general", Optional.empty()),
            new Institution("H3", 3, "general", Optional.empty()),
            new Institution("H4", 3, "tcm", Optional.empty())};

    private final SplittableRandom random;
    private long sequence;

    SyntheticSettlements(long seed) {
        this.random = new SplittableRandom(seed);
    }

    Member member(long n) {
        MemberCategory category = n % 5 == 0 ? MemberCategory.RETIRED : MemberCategory.IN_SERVICE;
        return new Member("P" + n, category, LocalDate.of(1960, 1, 1), LocalDate.of(2005, 1, 1), (int) (n % 8));
    }

    /** How many admissions the next member has this year: 1 to 4. */
    int admissions() {
        double d = random.nextDouble();
        return d < 0.7 ? 1 : d < 0.9 ? 2 : d < 0.97 ? 3 : 4;
    }

    Institution institution() {
        return INSTITUTIONS[random.nextInt(INSTITUTIONS.length)];
    }

    Settlement settlement(Member member, Institution institution, int month) {
        long id = ++sequence;
        double median = institution.level() == 3 ? 16_000 : institution.level() == 2 ? 8_000 : 3_800;
        double cost = random.nextDouble() < 0.003 ? 150_000 + random.nextInt(250_000) : median * Math.exp(0.6 * random.nextGaussian());
        long fen = Math.max(100, (long) (cost * 100));
        Money total = Money.ofFen(fen);
        LocalDate end = LocalDate.of(2026, month, 1 + random.nextInt(28));
        return new Settlement("S" + id, "M" + id, member.psnNo(), institution.code(), end.minusDays(5), end,
                end.atTime(10, 0), total, Money.ofFen(fen / 20), Money.ZERO,
                Map.of("clab_amt", Money.ofFen(fen / 8), "implant_dom_amt", Money.ofFen(fen / 30)),
                random.nextDouble() < 0.03, "local", Optional.empty(), ReportedFigures.NONE);
    }
}
