/**
 * The members' individual accounts as the fund keeps them (个人账户, DOMAIN.md §4): each account a
 * sub-ledger of value-dated movements ({@code account_movement}), their total in the general
 * ledger's 2301 through entries aggregated per batch and kind; the loads of contributions, opening
 * balances, account payments and account events; the debits of the intake and the allocations of
 * the month-end; and a member's statement ({@code ./medsettle account}).
 *
 * <p>The rules themselves (allocation by city, interest) are plain Java in
 * {@link io.medsettle.accounts}; this package applies them to the database and the ledger.
 */
package io.medsettle.accountbook;
