package io.medsettle.ledger;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An account's code: four digits for a main account ({@code 2202}), then dot-separated parts for
 * sub-accounts ({@code 2202.H32070100001}). The parent of a sub-account is its code without the
 * last part.
 */
public record AccountCode(String value) implements Comparable<AccountCode> {

    private static final Pattern FORMAT = Pattern.compile("[0-9]{4}(\\.[A-Za-z0-9_-]+)*");

    public AccountCode {
        if (value == null || !FORMAT.matcher(value).matches() || value.length() > 64) {
            throw new IllegalArgumentException("not an account code: " + value);
        }
    }

    public static AccountCode of(String value) {
        return new AccountCode(value);
    }

    /** The sub-account of this account for one institution, member or other party. */
    public AccountCode sub(String part) {
        return new AccountCode(value + "." + part);
    }

    public Optional<AccountCode> parent() {
        int dot = value.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : Optional.of(new AccountCode(value.substring(0, dot)));
    }

    /** True for this account itself and every account below it. */
    public boolean covers(AccountCode other) {
        return other.value.equals(value) || other.value.startsWith(value + ".");
    }

    @Override
    public int compareTo(AccountCode other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
