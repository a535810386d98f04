/**
 * {@code ./medsettle demo}: shows a newcomer what medsettle does, end to end, on the embedded
 * database. It posts a small set of fund events to the ledger (one of them a mistake corrected by
 * a reversal) and prints the trial balance, which must balance.
 */
package io.medsettle.demo;
