/**
 * The fund's books: money, the chart of accounts and the append-only double-entry journal.
 *
 * <p>Every business event of medsettle (a month-end payment, an individual account allocation, a
 * year-end release) ends up here as one {@link io.medsettle.ledger.JournalEntry} whose postings sum
 * to zero, and every figure of every statement is derived from these entries. The package is plain
 * Java: no Spring, no database (an ArchUnit test guards that); the {@code jdbc} sub-package stores
 * the journal in PostgreSQL, where triggers enforce the same rules once more.
 */
package io.medsettle.ledger;
