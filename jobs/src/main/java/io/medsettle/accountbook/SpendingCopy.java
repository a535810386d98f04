package io.medsettle.accountbook;

import static io.medsettle.ledger.ChartOfAccounts.INDIVIDUAL_ACCOUNTS;
import static io.medsettle.ledger.ChartOfAccounts.accountSpendingToSettle;

import io.medsettle.accounts.AccountMovement;
import io.medsettle.app.PgCopy;
import io.medsettle.ledger.EntryId;
import io.medsettle.ledger.IdempotencyKey;
import io.medsettle.ledger.JournalEntry;
import io.medsettle.ledger.Ledger;
import io.medsettle.ledger.Money;
import io.medsettle.ledger.PostedEntry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An intake's account movements (members' spending at institutions and its refunds) copied straight
 * into {@code account_movement} as the load decides them, and the one journal entry that carries
 * their totals, by institution, posted at the end in the same transaction.
 *
 * <p>Why not staged first: a movement names its entry, and the entry's postings are known only when
 * the last member has been decided. Staging the movements and moving them over with an
 * {@code INSERT … SELECT} once the entry was posted wrote each one twice; for the 290,000 debits of
 * a million-row file that tail took 8.5 s, most of the intake's time after its last settlement. The
 * entry's id is now taken ahead ({@link Ledger#reserveId()}), the movements name it as they are
 * copied, and the entry is posted under it with the totals counted beside the copy. The sub-ledger
 * and the general ledger agree by construction, as before: the same amounts make both. Nothing
 * copied, no entry, and the id taken stays a gap in the numbering.
 */
public final class SpendingCopy {

    /** What the file's movements came to at one institution. */
    public record Totals(String institution, Money spent, Money refunded) {

        Totals plus(Totals other) {
            return new Totals(institution, spent.plus(other.spent), refunded.plus(other.refunded));
        }
    }

    private final Ledger ledger;
    private final PgCopy copy;
    private final String recordedAt;
    private final Map<String, Totals> byInstitution = new TreeMap<>();
    private final EntryId entry;

    /**
     * Takes the entry's id at once: the load streams its settlements over the transaction's
     * connection, and no other statement may run on it while that COPY is open.
     */
    SpendingCopy(Ledger ledger, PgCopy copy, Instant recordedAt) {
        this.ledger = ledger;
        this.copy = copy;
        this.recordedAt = recordedAt.toString();
        this.entry = ledger.reserveId();
    }

    /**
     * A debit ({@code SPENDING}, negative) or a refund ({@code REFUND}, positive) of the member's
     * account, at an institution, for one of its settlements.
     */
    public void add(String psnNo, AccountMovement.Kind kind, Money amount, LocalDate valueDate, String source,
                    String institution, String setlId, String settlementPeriod) {
        if (kind != AccountMovement.Kind.SPENDING && kind != AccountMovement.Kind.REFUND) {
            throw new IllegalArgumentException("an intake spends and refunds, it does not post " + kind + ": " + source);
        }
        if (amount.isZero()) {
            throw new IllegalArgumentException("a movement of nothing: " + source);
        }
        if (kind.credit() != amount.isPositive()) {
            throw AccountMovement.wrongSign(kind, valueDate, amount);
        }
        copy.row().text(psnNo).text(kind.name().toLowerCase(Locale.ROOT)).money(amount).date(valueDate).text(source)
                .text(institution).text(setlId).text(settlementPeriod).number(entry.value()).text(recordedAt).end();
        byInstitution.merge(institution, amount.isNegative() ? new Totals(institution, amount.negate(), Money.ZERO)
                : new Totals(institution, Money.ZERO, amount), Totals::plus);
    }

    /** Characters of movements made but not yet sent. */
    public int pendingChars() {
        return copy.pendingChars();
    }

    /** Sends the movements made so far (one COPY at a time on the transaction's connection). */
    public void flush() {
        copy.flush();
    }

    /** Sends what is left and posts the entry that carries the movements; nothing copied, no entry. */
    public Optional<PostedEntry> post(IdempotencyKey key, LocalDate postingDate, String description) {
        copy.flush();
        if (byInstitution.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ledger.post(entry(key, postingDate, description, List.copyOf(byInstitution.values())), entry));
    }

    /**
     * One entry for a file's movements: members' accounts 2301 debited for what they paid the
     * institutions, each institution's 2302 credited until its month-end, and the other way for refunds.
     */
    static JournalEntry entry(IdempotencyKey key, LocalDate postingDate, String description, List<Totals> totals) {
        JournalEntry.Builder entry = JournalEntry.builder(key, postingDate, description);
        for (Totals t : totals) {
            entry.debit(INDIVIDUAL_ACCOUNTS, t.spent()).credit(accountSpendingToSettle(t.institution()), t.spent())
                    .debit(accountSpendingToSettle(t.institution()), t.refunded()).credit(INDIVIDUAL_ACCOUNTS, t.refunded());
        }
        return entry.build();
    }
}
