package io.medsettle.accountbook;

import static io.medsettle.ledger.ChartOfAccounts.INDIVIDUAL_ACCOUNTS;
import static io.medsettle.ledger.ChartOfAccounts.accountSpendingToSettle;

import io.medsettle.accounts.AccountMovement;
import io.medsettle.app.PgCopy;
import io.medsettle.ledger.IdempotencyKey;
import io.medsettle.ledger.JournalEntry;
import io.medsettle.ledger.Ledger;
import io.medsettle.ledger.Money;
import io.medsettle.ledger.PostedEntry;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The sub-ledger of the members' individual accounts ({@code account_movement}): reads a member's
 * movements, and posts a batch of movements together with the one journal entry that carries their
 * total in the general ledger, in the caller's transaction. A movement's source is unique, so a
 * batch posted twice fails rather than doubles; every caller runs its batch in one transaction with
 * what it records beside it, under the intakes' lock, so a retried load or run finds all or nothing.
 */
@Repository
public class AccountBook {

    /** A movement about to be posted. */
    public record NewMovement(String psnNo, AccountMovement.Kind kind, Money amount, LocalDate valueDate, String source,
                              String institution, String setlId, YearMonth settlementPeriod) {

        public NewMovement {
            if (amount.isZero()) {
                throw new IllegalArgumentException("a movement of nothing: " + source);
            }
        }

        /** A movement of the member's own (no institution). */
        public static NewMovement of(String psnNo, AccountMovement.Kind kind, Money amount, LocalDate valueDate,
                                     String source) {
            return new NewMovement(psnNo, kind, amount, valueDate, source, null, null, null);
        }

        AccountMovement movement() {
            return new AccountMovement(kind, valueDate, amount);
        }
    }

    /** How an account was closed. */
    public record Closure(String psnNo, LocalDate closedOn, String event, String counterparty) {
    }

    static final List<String> MOVEMENT_COLUMNS = List.of("psn_no", "kind", "amount", "value_date", "source",
            "fixmedins_code", "setl_id", "settlement_period", "entry_id", "recorded_at");

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final Clock clock;

    AccountBook(DataSource dataSource, JdbcClient jdbc, Ledger ledger, Clock clock) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** The member's movements, in value-date order. */
    public List<AccountMovement> movements(String psnNo) {
        return jdbc.sql("select kind, value_date, amount from account_movement where psn_no = ? order by value_date, movement_id")
                .param(psnNo).query((rs, n) -> movement(rs)).list();
    }

    /** The movements of several members at once, by member (members without any are absent). */
    Map<String, List<AccountMovement>> movements(Collection<String> psnNos) {
        Map<String, List<AccountMovement>> byMember = new HashMap<>();
        if (psnNos.isEmpty()) {
            return byMember;
        }
        jdbc.sql("""
                        select psn_no, kind, value_date, amount from account_movement
                         where psn_no = any (?) order by psn_no, value_date, movement_id""")
                .param(psnNos.toArray(String[]::new))
                .query(rs -> {
                    byMember.computeIfAbsent(rs.getString("psn_no"), k -> new ArrayList<>()).add(movement(rs));
                });
        return byMember;
    }

    private static AccountMovement movement(ResultSet rs) throws SQLException {
        return new AccountMovement(AccountMovement.Kind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)),
                rs.getObject("value_date", LocalDate.class), Money.of(rs.getBigDecimal("amount")));
    }

    public Optional<Closure> closure(String psnNo) {
        return jdbc.sql("select * from account_closure where psn_no = ?").param(psnNo)
                .query((rs, n) -> new Closure(rs.getString("psn_no"), rs.getObject("closed_on", LocalDate.class),
                        rs.getString("event"), rs.getString("counterparty")))
                .optional();
    }

    /** Which of the members have a closed account. */
    java.util.Set<String> closed(Collection<String> psnNos) {
        if (psnNos.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.sql("select psn_no from account_closure where psn_no = any (?)")
                .param(psnNos.toArray(String[]::new)).query(String.class).list());
    }

    /**
     * The business reference of a load's entry: the load, the file's hash, and a digest of the
     * movements the entry carries. The same file sent again changes nothing for its rows loaded
     * before, but a row rejected then (a balance that did not cover it, a member not known yet) may
     * be taken now: that second entry of the same file carries other movements and needs a key of its
     * own, while a retry of the same load over the same state finds the same key.
     */
    static IdempotencyKey loadKey(String load, String sha256, String part, List<NewMovement> movements) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            movements.stream().map(NewMovement::source).sorted()
                    .forEach(source -> digest.update((source + "\n").getBytes(StandardCharsets.UTF_8)));
            String movementsDigest = HexFormat.of().formatHex(digest.digest(), 0, 8);
            return part == null ? IdempotencyKey.of(load, sha256, movementsDigest)
                    : IdempotencyKey.of(load, sha256, part, movementsDigest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * {@link #loadKey(String, String, String, List)} for movements staged in a table of the
     * transaction: the same digest, computed where the movements are.
     */
    IdempotencyKey loadKey(String load, String sha256, String stagingTable) {
        String digest = jdbc.sql("""
                select encode(sha256(convert_to(string_agg(source || E'\\n', '' order by source collate "C"), 'UTF8')), 'hex')
                  from %s""".formatted(stagingTable)).query(String.class).single();
        return IdempotencyKey.of(load, sha256, digest.substring(0, 16));
    }

    /**
     * Posts the journal entry and the movements it carries, in the caller's transaction. The entry's
     * postings to 2301 must add up to the movements' total (checked here: the sub-ledger and the
     * general ledger agree by construction, not by a later reconciliation).
     */
    public PostedEntry post(JournalEntry entry, List<NewMovement> movements) {
        Money total = Money.sum(movements.stream().map(NewMovement::amount).toList());
        requireCredits(entry, total);
        PostedEntry posted = ledger.post(entry);
        PgCopy copy = PgCopy.into(dataSource, "account_movement", MOVEMENT_COLUMNS);
        Timestamp now = Timestamp.from(clock.instant());
        for (NewMovement m : movements) {
            copy.row().text(m.psnNo()).text(m.kind().name().toLowerCase(Locale.ROOT)).money(m.amount()).date(m.valueDate())
                    .text(m.source()).text(m.institution()).text(m.setlId())
                    .text(m.settlementPeriod() == null ? null : m.settlementPeriod().toString())
                    .number(posted.id().value()).text(now.toInstant().toString()).end();
        }
        copy.flush();
        return posted;
    }

    /**
     * Posts the movements staged for a file in {@code account_staging} (the month-end benchmark
     * fills it as an intake of an earlier version did), with one entry for the file: members'
     * accounts 2301 debited for what they paid the institutions, each institution's 2302 credited
     * until its month-end (and the other way for refunds). Nothing to post, no entry. The intake
     * itself copies its movements straight in ({@link #spendingCopy()}).
     */
    public Optional<PostedEntry> postStaged(long fileId, LocalDate postingDate, String description) {
        List<SpendingCopy.Totals> totals = jdbc.sql("""
                        select fixmedins_code,
                               coalesce(-sum(amount) filter (where amount < 0), 0) as spent,
                               coalesce(sum(amount) filter (where amount > 0), 0) as refunded
                          from account_staging where file_id = ? group by fixmedins_code order by fixmedins_code""")
                .param(fileId)
                .query((rs, n) -> new SpendingCopy.Totals(rs.getString(1), Money.of(rs.getBigDecimal(2)),
                        Money.of(rs.getBigDecimal(3))))
                .list();
        if (totals.isEmpty()) {
            return Optional.empty();
        }
        PostedEntry posted = ledger.post(SpendingCopy.entry(IdempotencyKey.of("intake", fileId, "accounts"), postingDate,
                description, totals));
        jdbc.sql("""
                        insert into account_movement (psn_no, kind, amount, value_date, source, fixmedins_code, setl_id,
                                                      settlement_period, entry_id, recorded_at)
                        select psn_no, kind, amount, value_date, source, fixmedins_code, setl_id, settlement_period, ?, ?
                          from account_staging where file_id = ? order by psn_no, value_date""")
                .params(posted.id().value(), Timestamp.from(clock.instant()), fileId).update();
        jdbc.sql("delete from account_staging where file_id = ?").param(fileId).update();
        return Optional.of(posted);
    }

    /**
     * A copy of spending and refunds straight into {@code account_movement}, posted as one entry at
     * its end ({@link SpendingCopy}), in the caller's transaction.
     */
    public SpendingCopy spendingCopy() {
        return new SpendingCopy(ledger, PgCopy.into(dataSource, "account_movement", MOVEMENT_COLUMNS), clock.instant());
    }

    /**
     * Posts the journal entry and the movements staged in a table of the transaction (columns psn_no,
     * kind, amount, value_date, source, fixmedins_code, settlement_period): a load too large to hold
     * its movements in memory. Checked like {@link #post(JournalEntry, List)}.
     */
    public PostedEntry postStaged(JournalEntry entry, String table) {
        Money total = Money.of(jdbc.sql("select coalesce(sum(amount), 0) from " + table).query(BigDecimal.class).single());
        requireCredits(entry, total);
        PostedEntry posted = ledger.post(entry);
        jdbc.sql("""
                        insert into account_movement (psn_no, kind, amount, value_date, source, fixmedins_code, settlement_period,
                                                      entry_id, recorded_at)
                        select psn_no, kind, amount, value_date, source, fixmedins_code, settlement_period, ?, ?
                          from %s order by psn_no, value_date""".formatted(table))
                .params(posted.id().value(), Timestamp.from(clock.instant())).update();
        return posted;
    }

    /** The entry's credit to 2301 is the movements' total, or nothing is posted. */
    private static void requireCredits(JournalEntry entry, Money total) {
        Money credited = Money.sum(entry.postings().stream().filter(p -> p.account().equals(INDIVIDUAL_ACCOUNTS))
                .map(p -> p.amount().negate()).toList());
        if (!credited.equals(total)) {
            throw new IllegalArgumentException("entry " + entry.key() + " credits 2301 with " + credited
                    + " for movements of " + total);
        }
    }

    /** Σ of every movement: what the members' accounts hold together. */
    public Money total() {
        return Money.of(jdbc.sql("select coalesce(sum(amount), 0) from account_movement").query(BigDecimal.class).single());
    }

    /**
     * Whether the sub-ledger agrees with the general ledger: Σ movements = the credit balance of 2301
     * (postings are signed, debits positive, so the credit balance is the balance's negation).
     */
    public boolean agreesWithLedger() {
        return total().equals(ledger.balance(INDIVIDUAL_ACCOUNTS, LocalDate.of(9999, 12, 31)).negate());
    }
}
