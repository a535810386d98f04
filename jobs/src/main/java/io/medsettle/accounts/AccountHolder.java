package io.medsettle.accounts;

import io.medsettle.adjudication.MemberCategory;
import io.medsettle.ledger.Money;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The facts of a member that the allocation rules read (member version valid on the 1st of the period).
 *
 * @param wagePrevYear    last year's wage total ({@code wage_prev_year}), or null when the member file has none
 * @param pensionPrevYear last year's pension total ({@code pension_prev_year}), or null when the member file has none
 */
public record AccountHolder(String psnNo, MemberCategory category, LocalDate birthDate,
                            Money wagePrevYear /* nullable */, Money pensionPrevYear /* nullable */) {

    public AccountHolder {
        Objects.requireNonNull(psnNo, "psnNo");
        Objects.requireNonNull(category, "category");
        // brdy is required in members.csv, and the age bands and Yantai's retirees need it.
        Objects.requireNonNull(birthDate, "birthDate");
    }
}
