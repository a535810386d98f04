package io.medsettle.ledger;

/** An entry whose postings do not sum to zero, or that has fewer than two. */
public class UnbalancedEntryException extends LedgerException {

    public UnbalancedEntryException(IdempotencyKey key, String reason) {
        super("journal entry " + key + " does not balance: " + reason);
    }
}
