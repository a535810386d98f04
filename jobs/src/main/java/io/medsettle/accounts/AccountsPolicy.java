package io.medsettle.accounts;

import java.util.Objects;

/**
 * The profile's accounts section.
 *
 * @param heirlessToPooledFund whether the balance of a member who dies without an heir goes to the pooled
 *                             fund (Langfang, seed 002 第四十四条) rather than to the inheritance payable
 */
public record AccountsPolicy(AllocationRule allocation, InterestMethod interestMethod, boolean heirlessToPooledFund) {

    public AccountsPolicy {
        Objects.requireNonNull(allocation, "allocation");
        Objects.requireNonNull(interestMethod, "interestMethod");
    }
}
