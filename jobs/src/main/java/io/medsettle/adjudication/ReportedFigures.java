package io.medsettle.adjudication;

import io.medsettle.ledger.Money;

/**
 * The hospital's own figures for a settlement; each is {@code null} where the file left it empty.
 * {@code acctPay} is also the amount debited from the member's individual account.
 */
public record ReportedFigures(Money preSelfPay, Money inScope, Money deductible, Money fundPay, Money supplementaryPay,
                              Money fundPayTotal, Money memberPart, Money acctPay, Money cashPay) {

    public static final ReportedFigures NONE = new ReportedFigures(null, null, null, null, null, null, null, null, null);
}
