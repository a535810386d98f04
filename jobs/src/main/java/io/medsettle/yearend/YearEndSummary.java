package io.medsettle.yearend;

import io.medsettle.accounts.InterestMethod;
import io.medsettle.ledger.Money;

/**
 * A year-end run's totals, as the operator's summary and the statements' header show them.
 *
 * @param interestAccounts accounts credited interest (those whose interest came to at least a fen)
 */
public record YearEndSummary(int institutions, Money heldBack, Money released, Money forfeited, Money unpaidOverBudget,
                             Money surplus, Money compensation, Money payment, int proposals, InterestMethod method,
                             long interestAccounts, Money interest) {
}
