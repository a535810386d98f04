package io.medsettle.ledger;

/** A posting to an account that is neither in the chart nor a sub-account of one that is. */
public class UnknownAccountException extends LedgerException {

    public UnknownAccountException(AccountCode code) {
        super("account " + code + " is not in the chart of accounts");
    }
}
