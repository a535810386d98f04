package io.medsettle.adjudication;

import io.medsettle.ledger.Money;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Building blocks for engine tests: the real profiles, members, institutions and settlements. */
final class Cases {

    static final Path POLICIES = Path.of("../config/policies");
    private static int sequence;

    private Cases() {
    }

    static BenefitEngine engine(String profile) {
        return new BenefitEngine(PolicyProfiles.load(POLICIES, profile));
    }

    static Member inService() {
        return new Member("P1", MemberCategory.IN_SERVICE, LocalDate.of(1980, 1, 1), LocalDate.of(2001, 1, 1), 0);
    }

    static Member retired() {
        return new Member("P1", MemberCategory.RETIRED, LocalDate.of(1950, 1, 1), LocalDate.of(2001, 1, 1), 0);
    }

    static Institution level(int level) {
        return new Institution("H" + level, level, "general", Optional.empty());
    }

    /** A settlement builder with sensible defaults: a local admission in March 2026. */
    static final class S {
        String setlId = "S" + (++sequence);
        String mdtrtId = "M" + sequence;
        String institution = "H1";
        LocalDate begin = LocalDate.of(2026, 3, 1);
        LocalDate end = LocalDate.of(2026, 3, 10);
        Money total = Money.ZERO;
        Money ownPay = Money.ZERO;
        Money overLimit = Money.ZERO;
        Map<String, Money> classes = new HashMap<>();
        boolean chemo;
        String offsite = "local";
        Optional<String> cancels = Optional.empty();
        ReportedFigures reported = ReportedFigures.NONE;

        S total(String amount) {
            total = Money.of(amount);
            return this;
        }

        S ownPay(String amount) {
            ownPay = Money.of(amount);
            return this;
        }

        S fee(String column, String amount) {
            classes.put(column, Money.of(amount));
            return this;
        }

        S stay(String mdtrt) {
            mdtrtId = mdtrt;
            return this;
        }

        S begin(LocalDate day) {
            begin = day;
            end = day.plusDays(5);
            return this;
        }

        S chemo() {
            chemo = true;
            return this;
        }

        S offsite(String type) {
            offsite = type;
            return this;
        }

        S cancels(String setl) {
            cancels = Optional.of(setl);
            return this;
        }

        S reported(ReportedFigures figures) {
            reported = figures;
            return this;
        }

        S at(String code) {
            institution = code;
            return this;
        }

        Settlement build() {
            return new Settlement(setlId, mdtrtId, "P1", institution, begin, end, end.atTime(10, 0).plusMinutes(sequence),
                    total, ownPay, overLimit, classes, chemo, offsite, cancels, reported);
        }
    }

    static S settlement() {
        return new S();
    }

    /** What an earlier settlement of the year left, as the intake restores it from the database. */
    static void earlier(MemberYear year, String inScope, String fundPay, String supplementary) {
        Settlement s = settlement().total(inScope).build();
        year.record(s, new Adjudication(s.setlId(), "H1", "P1", true, "", Money.ZERO, Money.of(inScope), Money.ZERO,
                Money.of(fundPay), Money.ZERO, Money.of(supplementary), Money.ZERO, Money.ZERO, List.of()));
    }
}
