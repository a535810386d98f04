package io.medsettle.ledger;

import java.time.LocalDate;
import java.util.List;

/**
 * Every account with postings up to a date: its debits, its credits and its balance (debits minus
 * credits). The balances of a correct ledger sum to zero.
 */
public record TrialBalance(LocalDate asOf, List<Line> lines) {

    public TrialBalance {
        lines = List.copyOf(lines);
    }

    public record Line(Account account, Money debits, Money credits) {

        /** Debits minus credits: positive is a debit balance. */
        public Money balance() {
            return debits.minus(credits);
        }
    }

    public Money totalDebits() {
        return Money.sum(lines.stream().map(Line::debits).toList());
    }

    public Money totalCredits() {
        return Money.sum(lines.stream().map(Line::credits).toList());
    }

    public boolean isBalanced() {
        return totalDebits().equals(totalCredits());
    }
}
