/**
 * The month-end run ({@code monthEnd} job): gathers each institution's figures for the period from
 * the loaded settlements, applies the settlement rules of {@link io.medsettle.settlement}, posts
 * the result to the ledger and writes the statements.
 */
package io.medsettle.monthend;
