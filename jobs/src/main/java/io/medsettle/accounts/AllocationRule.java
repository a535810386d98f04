package io.medsettle.accounts;

import io.medsettle.ledger.Money;

import java.time.YearMonth;
import java.util.Optional;

/**
 * The monthly allocation into the account (划入), DOMAIN.md §4, one implementation per way the cities do it:
 * <ul>
 *   <li>{@link AgeBandedWage}: a share of last year's wage by age band, retirees a share of last year's
 *       pension (Lianyungang);</li>
 *   <li>{@link AgeBandedBase}: a share of the contribution row's base by age band, retirees an amount per
 *       year of age (Yantai);</li>
 *   <li>{@link ShareOfBase}: one share of the row's base, retirees a fixed monthly amount (Langfang,
 *       Zhenjiang).</li>
 * </ul>
 * Every amount is rounded once, HALF_UP, to the fen, when it is produced.
 */
public sealed interface AllocationRule permits AgeBandedWage, AgeBandedBase, ShareOfBase {

    /** The label of the retirees' allocation in the month-end summary. */
    String RETIREES = "退休";

    /**
     * A paid contribution row of the period: the account's part, round2; empty when the rule allocates nothing for it
     * (a retiree's row; a figure the rule needs is missing: each rule's javadoc says which).
     */
    Optional<Money> forContribution(AccountHolder holder, YearMonth period, Money base);

    /**
     * A retiree's monthly allocation on the 1st of the period (no contribution row); empty for other categories
     * or a missing figure.
     */
    Optional<Money> forRetiree(AccountHolder holder, YearMonth period);

    /** The age band the allocation used, for the month-end summary, e.g. "≤35", "36–45", ">45", "退休" ; empty where the rule has no bands. */
    Optional<String> band(AccountHolder holder, YearMonth period);
}
