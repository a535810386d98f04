package io.medsettle.ledger;

/** A ledger rule was broken; the message says which and how, for an operator to read. */
public class LedgerException extends RuntimeException {

    public LedgerException(String message) {
        super(message);
    }

    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
