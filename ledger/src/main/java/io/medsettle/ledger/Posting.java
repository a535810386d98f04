package io.medsettle.ledger;

import java.util.Objects;

/**
 * One line of an entry. The amount is signed: positive debits, negative credits, so the postings
 * of a balanced entry sum to zero.
 */
public record Posting(AccountCode account, Money amount) {

    public Posting {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(amount, "amount");
        if (amount.isZero()) {
            throw new IllegalArgumentException("a posting to " + account + " has no amount");
        }
    }

    public static Posting debit(AccountCode account, Money amount) {
        return new Posting(account, amount);
    }

    public static Posting credit(AccountCode account, Money amount) {
        return new Posting(account, amount.negate());
    }

    public boolean isDebit() {
        return amount.isPositive();
    }

    public Posting reversed() {
        return new Posting(account, amount.negate());
    }
}
