package io.medsettle.adjudication;

import io.medsettle.ledger.Money;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a member's benefit year has used so far, carried from settlement to settlement in
 * processing order: admissions, the fund's payments (for a {@code fund_paid} cap), in-scope cost
 * (for an {@code eligible_cost} cap and the assistance band), the personal burden (critical
 * illness), the supplementary layer's payments, the once-a-year chemotherapy deductible, and per
 * stay ({@code mdtrt_id}) the cost and deductible of its earlier settlements.
 *
 * <p>It is rebuilt from the year's earlier settlements with {@link #record}, the same method that
 * carries a newly computed one, so a database-backed intake and a file run give the same figures.
 */
public final class MemberYear {

    /** One stay's settlements so far: mid-way settlements share one deductible and one cost scale. */
    record Stay(Money inScope, Money deductiblePaid, int settlements) {
    }

    private final int year;
    private final Map<String, Stay> stays = new HashMap<>();
    private final Map<String, Integer> admissionsThisYear = new HashMap<>();
    private final Map<String, Adjudication> bySetlId = new HashMap<>();
    private final Map<String, String> stayBySetlId = new HashMap<>();
    private Money fundPaid = Money.ZERO;
    private Money eligibleCost = Money.ZERO;
    private Money personalBurden = Money.ZERO;
    private Money supplementaryPaid = Money.ZERO;
    private boolean chemoDeductiblePaid;

    public MemberYear(int year) {
        this.year = year;
    }

    public int year() {
        return year;
    }

    /**
     * Carries a settlement's figures into the year. Settlements of another year count only for
     * their stay (a mid-way settlement across the year end); ineligible rows count for nothing.
     */
    public void record(Settlement settlement, Adjudication result) {
        bySetlId.put(settlement.setlId(), result);
        boolean cancellation = result.reason().startsWith("cancels:");
        // A cancellation takes back its original's place: in the original's stay, whatever its own mdtrt_id.
        String stayId = cancellation
                ? stayBySetlId.getOrDefault(result.reason().substring("cancels:".length()), settlement.mdtrtId())
                : settlement.mdtrtId();
        stayBySetlId.put(settlement.setlId(), stayId);
        if (!result.eligible()) {
            return;
        }
        int direction = cancellation ? -1 : 1;
        Stay stay = stays.getOrDefault(stayId, new Stay(Money.ZERO, Money.ZERO, 0));
        stays.put(stayId, new Stay(stay.inScope().plus(result.inScope()),
                stay.deductiblePaid().plus(result.deductible()), stay.settlements() + direction));
        if (settlement.benefitYear() != year) {
            return;
        }
        admissionsThisYear.merge(stayId, direction, Integer::sum);
        admissionsThisYear.values().removeIf(count -> count <= 0);
        fundPaid = fundPaid.plus(result.fundPay());
        eligibleCost = eligibleCost.plus(result.inScope());
        personalBurden = personalBurden.plus(result.inScope().minus(result.fundPay()));
        supplementaryPaid = supplementaryPaid.plus(result.supplementaryPay());
        if (settlement.chemo() && result.deductible().isPositive()) {
            chemoDeductiblePaid = true;
        }
    }

    Optional<Adjudication> earlier(String setlId) {
        return Optional.ofNullable(bySetlId.get(setlId));
    }

    Optional<Stay> stay(String mdtrtId) {
        return Optional.ofNullable(stays.get(mdtrtId));
    }

    /** The admission's number in the year, counting it: 1 for the first. */
    int admissionNumber(String mdtrtId) {
        return admissionsThisYear.containsKey(mdtrtId) ? admissionsThisYear.size()
                : admissionsThisYear.size() + 1;
    }

    Money fundPaid() {
        return fundPaid;
    }

    Money eligibleCost() {
        return eligibleCost;
    }

    Money personalBurden() {
        return personalBurden;
    }

    Money supplementaryPaid() {
        return supplementaryPaid;
    }

    boolean chemoDeductiblePaid() {
        return chemoDeductiblePaid;
    }
}
