package io.medsettle.ledger;

import java.time.Instant;

/** An entry as the journal holds it: with its number and the time it was recorded. */
public record PostedEntry(EntryId id, JournalEntry entry, Instant recordedAt) {
}
