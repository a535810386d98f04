package io.medsettle.ledger;

/**
 * The unique business reference of an entry, derived from its source (a file and row, a run and
 * institution), so that a retried step finds its entry already posted instead of posting twice.
 * Built from parts joined by {@code ':'}, such as {@code month-end:2026-03:H001:pooled}.
 */
public record IdempotencyKey(String value) {

    public IdempotencyKey {
        if (value == null || value.isBlank() || value.length() > 200) {
            throw new IllegalArgumentException("an idempotency key is 1 to 200 characters: " + value);
        }
    }

    public static IdempotencyKey of(Object... parts) {
        StringBuilder key = new StringBuilder();
        for (Object part : parts) {
            if (key.length() > 0) {
                key.append(':');
            }
            key.append(part);
        }
        return new IdempotencyKey(key.toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
