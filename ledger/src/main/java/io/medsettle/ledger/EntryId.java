package io.medsettle.ledger;

/** The journal's own number for a posted entry. */
public record EntryId(long value) {

    public EntryId {
        if (value <= 0) {
            throw new IllegalArgumentException("entry ids are positive: " + value);
        }
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
