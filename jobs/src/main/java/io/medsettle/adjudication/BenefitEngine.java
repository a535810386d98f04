package io.medsettle.adjudication;

import io.medsettle.ledger.Money;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies a profile to one settlement after the member's earlier settlements of the year
 * (DOMAIN.md section 1, steps 1 to 8), and records it into the year. Callers feed a member's
 * settlements in {@link Settlement#PROCESSING_ORDER}.
 */
public final class BenefitEngine {

    static final Money TOLERANCE = Money.of("0.01");

    private final PolicyProfile profile;

    public BenefitEngine(PolicyProfile profile) {
        this.profile = profile;
    }

    public PolicyProfile profile() {
        return profile;
    }

    /**
     * Adjudicates the settlement and carries it into the year.
     *
     * @param member      the member, or {@code null} when the member is unknown (the fund pays nothing)
     * @param institution the institution on the settlement's dates
     */
    public Adjudication adjudicate(Member member, Institution institution, Settlement settlement, MemberYear year) {
        Adjudication result = compute(member, institution, settlement, year);
        year.record(settlement, result);
        return result;
    }

    /** The settlement's figures after what the year has carried so far; carries nothing itself. */
    Adjudication compute(Member member, Institution institution, Settlement s, MemberYear year) {
        if (s.cancels().isPresent()) {
            return year.earlier(s.cancels().get()).map(original -> original.cancelledBy(s))
                    .orElseGet(() -> ineligible(s, "cancelled_unknown", Money.ZERO, Money.ZERO));
        }
        Money preSelfPay = profile.preSelfPay().of(s);
        Money inScope = s.total().minus(s.fullyOwnPay()).minus(s.overLimit()).minus(preSelfPay).max(Money.ZERO);
        Optional<String> ineligible = eligibility(member, s);
        if (ineligible.isPresent()) {
            return ineligible(s, ineligible.get(), preSelfPay, inScope);
        }
        Optional<MemberYear.Stay> stay = year.stay(s.mdtrtId());
        Money stayCost = stay.map(MemberYear.Stay::inScope).orElse(Money.ZERO);
        Money fullDeductible = profile.deductible().amount(member, institution, year.admissionNumber(s.mdtrtId()),
                s.chemo(), year.chemoDeductiblePaid());
        Money remaining = fullDeductible.minus(stay.map(MemberYear.Stay::deductiblePaid).orElse(Money.ZERO)).max(Money.ZERO);

        AnnualCap cap = profile.annualCap();
        Money deductible;
        Money withinCap;
        Money fundPay;
        Money overCap;
        BigDecimal base = stayCost.amount();
        if (cap.basis() == AnnualCap.Basis.ELIGIBLE_COST) {
            withinCap = inScope.min(cap.amount().minus(year.eligibleCost()).max(Money.ZERO));
            deductible = remaining.min(withinCap);
            FundShare.Walk walk = profile.fundShare().walk(institution.level(), member, s,
                    base.add(deductible.amount()), base.add(withinCap.amount()), Optional.empty());
            fundPay = Money.rounded(walk.pay());
            overCap = inScope.minus(withinCap);
        } else {
            deductible = remaining.min(inScope);
            BigDecimal room = cap.amount().minus(year.fundPaid()).max(Money.ZERO).amount();
            BigDecimal end = base.add(inScope.amount());
            FundShare.Walk walk = profile.fundShare().walk(institution.level(), member, s,
                    base.add(deductible.amount()), end, Optional.of(room));
            fundPay = Money.rounded(walk.pay());
            overCap = walk.stoppedAt().map(stop -> Money.rounded(end.subtract(stop))).orElse(Money.ZERO);
            withinCap = inScope.minus(overCap);
        }
        Money supplementary = profile.supplementary().pay(member, year, inScope, withinCap, overCap, fundPay);
        Money memberPart = s.total().minus(fundPay).minus(supplementary);
        return result(s, true, "", preSelfPay, inScope, deductible, fundPay, overCap, supplementary, memberPart);
    }

    private Optional<String> eligibility(Member member, Settlement s) {
        if (member == null) {
            return Optional.of("member_unknown");
        }
        if (s.begin().isBefore(member.insuredSince())) {
            return Optional.of("not_insured");
        }
        if (s.begin().isBefore(profile.waitingPeriod().eligibleFrom(member))) {
            return Optional.of("waiting_period");
        }
        return Optional.empty();
    }

    private Adjudication ineligible(Settlement s, String reason, Money preSelfPay, Money inScope) {
        return result(s, false, reason, preSelfPay, inScope, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, s.total());
    }

    private Adjudication result(Settlement s, boolean eligible, String reason, Money preSelfPay, Money inScope,
                                Money deductible, Money fundPay, Money overCap, Money supplementary, Money memberPart) {
        ReportedFigures r = s.reported();
        // The account pays part of the member's share, never more than it.
        Money acctPay = r.acctPay() == null ? Money.ZERO : r.acctPay().min(memberPart.max(Money.ZERO));
        List<String> differences = new ArrayList<>();
        compare(differences, "preselfpay_amt", r.preSelfPay(), preSelfPay);
        compare(differences, "inscp_scp_amt", r.inScope(), inScope);
        compare(differences, "act_pay_dedc", r.deductible(), deductible);
        compare(differences, "hifp_pay", r.fundPay(), fundPay);
        compare(differences, "hifob_pay", r.supplementaryPay(), supplementary);
        compare(differences, "fund_pay_sumamt", r.fundPayTotal(), fundPay.plus(supplementary));
        compare(differences, "psn_part_amt", r.memberPart(), memberPart);
        compare(differences, "acct_pay", r.acctPay(), acctPay);
        compare(differences, "psn_cash_pay", r.cashPay(), memberPart.minus(acctPay));
        return new Adjudication(s.setlId(), s.institutionCode(), s.psnNo(), eligible, reason, preSelfPay, inScope,
                deductible, fundPay, overCap, supplementary, memberPart, acctPay, List.copyOf(differences));
    }

    private static void compare(List<String> differences, String column, Money reported, Money recomputed) {
        if (reported != null && reported.minus(recomputed).abs().isGreaterThan(TOLERANCE)) {
            differences.add(column);
        }
    }
}
