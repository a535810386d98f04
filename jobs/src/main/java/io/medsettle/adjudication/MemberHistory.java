package io.medsettle.adjudication;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One member's settlements across benefit years, carried in DOMAIN.md's processing order
 * ({@link Settlement#PROCESSING_ORDER}). Callers feed every settlement of the member in that order:
 * those whose figures are already settled with {@link #record}, the rest with {@link #adjudicate}.
 *
 * <p>Why a history and not one {@link MemberYear} per year on its own: the annual accumulators
 * belong to a year, but a stay settled mid-way across the year end (中途结算) shares one deductible,
 * so a January settlement must see the December settlements of its stay that came before it, and
 * only those. Each year's accumulators are built lazily from everything recorded so far, and every
 * settlement is then carried into every year the history holds; {@link MemberYear#record} keeps
 * what counts for that year (the whole settlement in its own year, its stay elsewhere).
 */
public final class MemberHistory {

    private record Recorded(Settlement settlement, Adjudication figures) {
    }

    private final Map<Integer, MemberYear> years = new TreeMap<>();
    private final List<Recorded> recorded = new ArrayList<>();

    /** Carries a settlement whose figures are known (loaded before, not to be recomputed). */
    public void record(Settlement settlement, Adjudication figures) {
        recorded.add(new Recorded(settlement, figures));
        years.values().forEach(year -> year.record(settlement, figures));
    }

    /** Computes the settlement after everything fed so far, and carries it. */
    public Adjudication adjudicate(BenefitEngine engine, Member member, Institution institution, Settlement settlement) {
        Adjudication figures = engine.compute(member, institution, settlement, year(settlement.benefitYear()));
        record(settlement, figures);
        return figures;
    }

    private MemberYear year(int year) {
        MemberYear existing = years.get(year);
        if (existing != null) {
            return existing;
        }
        MemberYear created = new MemberYear(year);
        recorded.forEach(r -> created.record(r.settlement(), r.figures()));
        years.put(year, created);
        return created;
    }
}
