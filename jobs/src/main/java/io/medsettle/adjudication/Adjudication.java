package io.medsettle.adjudication;

import io.medsettle.ledger.Money;

import java.util.List;

/**
 * The recomputed figures of one settlement (formats.md "adjudication" results).
 *
 * @param reason      why the fund pays nothing ({@code waiting_period}, ...), or a note such as
 *                    {@code cancels:S123}; empty for an ordinary eligible row
 * @param differences the reported figures that differ from these by more than 0.01
 */
public record Adjudication(
        String setlId,
        String institutionCode,
        String psnNo,
        boolean eligible,
        String reason,
        Money preSelfPay,
        Money inScope,
        Money deductible,
        Money fundPay,
        Money overCap,
        Money supplementaryPay,
        Money memberPart,
        Money acctPay,
        List<String> differences) {

    public boolean differs() {
        return !differences.isEmpty();
    }

    /**
     * Whether the other figures are the same as these, the settlement's identity aside: the test of
     * whether a settlement adjudicated again needs a revision.
     */
    public boolean sameFiguresAs(Adjudication other) {
        return eligible == other.eligible && reason.equals(other.reason) && preSelfPay.equals(other.preSelfPay)
                && inScope.equals(other.inScope) && deductible.equals(other.deductible) && fundPay.equals(other.fundPay)
                && overCap.equals(other.overCap) && supplementaryPay.equals(other.supplementaryPay)
                && memberPart.equals(other.memberPart) && acctPay.equals(other.acctPay)
                && differences.equals(other.differences);
    }

    /** Everything the fund paid for the row: pooled plus supplementary. */
    public Money fundPayTotal() {
        return fundPay.plus(supplementaryPay);
    }

    /** The same figures with the opposite sign: what a cancellation takes back. */
    Adjudication cancelledBy(Settlement cancellation) {
        return new Adjudication(cancellation.setlId(), cancellation.institutionCode(), cancellation.psnNo(), eligible,
                "cancels:" + setlId, preSelfPay.negate(), inScope.negate(), deductible.negate(), fundPay.negate(),
                overCap.negate(), supplementaryPay.negate(), memberPart.negate(), acctPay.negate(), List.of());
    }
}
