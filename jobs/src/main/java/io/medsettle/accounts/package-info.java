/**
 * The rules of the members' individual accounts (个人账户, DOMAIN.md §4): how much a contribution or
 * a retiree's month puts into an account ({@link io.medsettle.accounts.AllocationRule}, one
 * implementation per way the cities do it), and the interest an account earns
 * ({@link io.medsettle.accounts.InterestCalculator}, by daily balance or at the split rate).
 *
 * <p>Plain Java, like the benefit engine: no Spring, no database, no system clock (an ArchUnit test
 * guards it). The account book ({@code io.medsettle.accountbook}) reads the movements and the
 * members from the database, applies these rules and posts what they produce. The readings we chose
 * where DOMAIN.md is silent are in {@code docs/accounts.md}.
 */
package io.medsettle.accounts;
