package io.medsettle.ledger;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;

/**
 * The journal and what can be read from it.
 *
 * <p>Posting is idempotent: an entry whose key was posted before returns that first entry and posts
 * nothing; the same key with different content is an {@link IdempotencyConflictException}. Posting
 * into a closed period is a {@link ClosedPeriodException}. When called inside a transaction, the
 * entry commits or rolls back with it.
 */
public interface Ledger {

    /** Posts the entry, creating sub-accounts of known accounts on first use. */
    PostedEntry post(JournalEntry entry);

    /**
     * Takes an entry id ahead of its entry, for a load that writes the rows naming their entry (the
     * members' account movements) before the totals the entry carries are known. The entry is then
     * posted with {@link #post(JournalEntry, EntryId)} in the same transaction; an id taken and never
     * posted is a gap in the numbering, as a rolled-back posting leaves one.
     */
    EntryId reserveId();

    /**
     * Posts the entry under an id taken with {@link #reserveId()}. Its key must be new: rows already
     * name the id, so an earlier entry of the same key cannot stand in for it ({@link LedgerException}).
     */
    PostedEntry post(JournalEntry entry, EntryId reserved);

    /**
     * Posts the reversal of an earlier entry, dated {@code date}; an entry can be reversed only
     * once, and the reversal is itself idempotent under {@code key}.
     */
    PostedEntry reverse(EntryId original, IdempotencyKey key, LocalDate date, String reason);

    Optional<PostedEntry> find(EntryId id);

    Optional<PostedEntry> find(IdempotencyKey key);

    /** Opens an account explicitly, with its own name; returns the existing one if present. */
    Account open(AccountCode code, String name);

    Optional<Account> account(AccountCode code);

    /** The balance (debits minus credits) of the account and all its sub-accounts on a day. */
    Money balance(AccountCode account, LocalDate asOf);

    TrialBalance trialBalance(LocalDate asOf);

    boolean isClosed(YearMonth period);

    /** Closes the period: nothing can be posted into it any more. Closing twice is refused. */
    void close(YearMonth period);
}
