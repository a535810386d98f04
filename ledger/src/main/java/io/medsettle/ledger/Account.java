package io.medsettle.ledger;

import java.util.Objects;
import java.util.Optional;

/** One account of the chart. */
public record Account(AccountCode code, String name, AccountType type, Optional<AccountCode> parent) {

    public Account {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(parent, "parent");
    }
}
