package io.medsettle.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A business event as the books see it: a date, a description, a unique business reference and
 * postings that sum to zero. An entry that does not balance cannot be constructed.
 *
 * <p>Entries are immutable; once posted they are never changed. A mistake is corrected by a new
 * entry that {@linkplain #reverses() reverses} the original.
 */
public record JournalEntry(
        IdempotencyKey key,
        LocalDate date,
        String description,
        List<Posting> postings,
        Optional<EntryId> reverses) {

    public JournalEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(reverses, "reverses");
        postings = List.copyOf(postings);
        if (postings.size() < 2) {
            throw new UnbalancedEntryException(key, "an entry needs at least two postings, it has " + postings.size());
        }
        Money total = Money.sum(postings.stream().map(Posting::amount).toList());
        if (!total.isZero()) {
            throw new UnbalancedEntryException(key, "its postings sum to " + total + " instead of 0.00");
        }
    }

    public static Builder builder(IdempotencyKey key, LocalDate date, String description) {
        return new Builder(key, date, description);
    }

    public YearMonth period() {
        return YearMonth.from(date);
    }

    /** The reversal of this entry: the same accounts with opposite amounts. */
    public JournalEntry reversal(EntryId original, IdempotencyKey reversalKey, LocalDate reversalDate, String reason) {
        return new JournalEntry(reversalKey, reversalDate, reason,
                postings.stream().map(Posting::reversed).toList(), Optional.of(original));
    }

    /**
     * A fingerprint of everything the entry says, so that a key posted again with other content is
     * recognised as a conflict. The order of postings does not matter.
     */
    public String contentHash() {
        StringBuilder text = new StringBuilder()
                .append(date).append('|').append(description).append('|')
                .append(reverses.map(EntryId::toString).orElse("")).append('|');
        postings.stream()
                .sorted(Comparator.comparing(Posting::account).thenComparing(Posting::amount))
                .forEach(p -> text.append(p.account()).append('=').append(p.amount()).append(';'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Collects postings one by one; {@link #build()} checks the balance. */
    public static final class Builder {
        private final IdempotencyKey key;
        private final LocalDate date;
        private final String description;
        private final List<Posting> postings = new ArrayList<>();
        private EntryId reverses;

        private Builder(IdempotencyKey key, LocalDate date, String description) {
            this.key = key;
            this.date = date;
            this.description = description;
        }

        /**
         * Debits the account; a zero amount is skipped, so optional lines need no if. A negative
         * amount is a credit of its absolute value (an entry that takes something back).
         */
        public Builder debit(AccountCode account, Money amount) {
            if (!amount.isZero()) {
                postings.add(Posting.debit(account, amount));
            }
            return this;
        }

        /** Credits the account; a zero amount is skipped, a negative amount is a debit. */
        public Builder credit(AccountCode account, Money amount) {
            if (!amount.isZero()) {
                postings.add(Posting.credit(account, amount));
            }
            return this;
        }

        public Builder reverses(EntryId original) {
            this.reverses = original;
            return this;
        }

        public boolean isEmpty() {
            return postings.isEmpty();
        }

        public JournalEntry build() {
            return new JournalEntry(key, date, description, postings, Optional.ofNullable(reverses));
        }
    }
}
