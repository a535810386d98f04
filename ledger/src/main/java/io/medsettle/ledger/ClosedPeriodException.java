package io.medsettle.ledger;

import java.time.YearMonth;

/** An attempt to post into, or close again, a closed accounting period. */
public class ClosedPeriodException extends LedgerException {

    public ClosedPeriodException(YearMonth period, String what) {
        super("accounting period " + period + " is closed: " + what);
    }

    /** The database's own refusal, worded by its trigger. */
    public ClosedPeriodException(String databaseMessage, Throwable cause) {
        super(databaseMessage, cause);
    }
}
