package io.medsettle.ledger;

/** A key posted before with other content: two different events claim the same reference. */
public class IdempotencyConflictException extends LedgerException {

    public IdempotencyConflictException(IdempotencyKey key, EntryId existing) {
        super("idempotency key " + key + " was already posted as entry " + existing
                + " with different content; a corrected entry needs a reversal and a new key");
    }
}
