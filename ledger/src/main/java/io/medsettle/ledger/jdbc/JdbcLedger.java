package io.medsettle.ledger.jdbc;

import io.medsettle.ledger.Account;
import io.medsettle.ledger.AccountCode;
import io.medsettle.ledger.AccountType;
import io.medsettle.ledger.ClosedPeriodException;
import io.medsettle.ledger.EntryId;
import io.medsettle.ledger.IdempotencyConflictException;
import io.medsettle.ledger.IdempotencyKey;
import io.medsettle.ledger.JournalEntry;
import io.medsettle.ledger.Ledger;
import io.medsettle.ledger.LedgerException;
import io.medsettle.ledger.Money;
import io.medsettle.ledger.PostedEntry;
import io.medsettle.ledger.Posting;
import io.medsettle.ledger.TrialBalance;
import io.medsettle.ledger.UnbalancedEntryException;
import io.medsettle.ledger.UnknownAccountException;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link Ledger} on PostgreSQL. Each call runs in the caller's transaction when there is one, and in
 * its own otherwise.
 */
public class JdbcLedger implements Ledger {

    private static final String ENTRY_COLUMNS =
            "entry_id, idempotency_key, entry_date, description, reverses_entry_id, content_hash, recorded_at";

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    /** Accounts known to exist; accounts are never deleted, so the cache cannot go stale. */
    private final Set<AccountCode> knownAccounts = ConcurrentHashMap.newKeySet();

    public JdbcLedger(DataSource dataSource, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbcTemplate = new JdbcTemplate(dataSource);
        this.jdbc = JdbcClient.create(jdbcTemplate);
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    @Override
    public PostedEntry post(JournalEntry entry) {
        return inTransaction(() -> {
            // A retried step looks its entry up first, so that a retry after the period was closed
            // still finds what it posted instead of failing on the closed period.
            Optional<PostedEntry> earlier = find(entry.key());
            if (earlier.isPresent()) {
                return sameOrConflict(entry, earlier.get());
            }
            return insert(entry, Optional.empty())
                    // Another transaction posted the same key and committed while we were checking.
                    .orElseGet(() -> sameOrConflict(entry, find(entry.key()).orElseThrow()));
        });
    }

    @Override
    public EntryId reserveId() {
        return new EntryId(jdbc.sql("select nextval(pg_get_serial_sequence('journal_entry', 'entry_id'))")
                .query(Long.class).single());
    }

    @Override
    public PostedEntry post(JournalEntry entry, EntryId reserved) {
        return inTransaction(() -> {
            Optional<PostedEntry> earlier = find(entry.key());
            if (earlier.isEmpty()) {
                earlier = insert(entry, Optional.of(reserved));
                if (earlier.isPresent()) {
                    return earlier.get();
                }
                earlier = find(entry.key());
            }
            throw new LedgerException("idempotency key " + entry.key() + " was already posted as entry "
                    + earlier.map(e -> e.id().toString()).orElse("?") + "; rows name entry " + reserved
                    + ", reserved for it, so the earlier entry cannot stand in for it");
        });
    }

    /** The entry and its postings, under the reserved id or a new one; empty when its key was taken meanwhile. */
    private Optional<PostedEntry> insert(JournalEntry entry, Optional<EntryId> reserved) {
        if (isClosed(entry.period())) {
            throw new ClosedPeriodException(entry.period(), "entry " + entry.key() + " cannot be posted into it");
        }
        entry.postings().forEach(p -> ensureAccount(p.account()));
        Instant recordedAt = clock.instant();
        Optional<Long> id = jdbc.sql("""
                        insert into journal_entry
                            (entry_id, idempotency_key, entry_date, description, reverses_entry_id, content_hash, recorded_at)
                        overriding system value
                        values (coalesce(?, nextval(pg_get_serial_sequence('journal_entry', 'entry_id'))), ?, ?, ?, ?, ?, ?)
                        on conflict (idempotency_key) do nothing
                        returning entry_id""")
                .params(reserved.map(EntryId::value).orElse(null), entry.key().value(), entry.date(), entry.description(),
                        entry.reverses().map(EntryId::value).orElse(null), entry.contentHash(), Timestamp.from(recordedAt))
                .query(Long.class).optional();
        if (id.isEmpty()) {
            return Optional.empty();
        }
        List<Posting> postings = entry.postings();
        jdbcTemplate.batchUpdate("insert into posting (entry_id, line_no, account_code, amount) values (?, ?, ?, ?)",
                new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement ps, int i) throws SQLException {
                        ps.setLong(1, id.get());
                        ps.setInt(2, i + 1);
                        ps.setString(3, postings.get(i).account().value());
                        ps.setBigDecimal(4, postings.get(i).amount().amount());
                    }

                    @Override
                    public int getBatchSize() {
                        return postings.size();
                    }
                });
        return Optional.of(new PostedEntry(new EntryId(id.get()), entry, recordedAt));
    }

    private static PostedEntry sameOrConflict(JournalEntry entry, PostedEntry earlier) {
        if (earlier.entry().contentHash().equals(entry.contentHash())) {
            return earlier;
        }
        throw new IdempotencyConflictException(entry.key(), earlier.id());
    }

    @Override
    public PostedEntry reverse(EntryId original, IdempotencyKey key, LocalDate date, String reason) {
        return inTransaction(() -> {
            PostedEntry entry = find(original)
                    .orElseThrow(() -> new LedgerException("entry " + original + " does not exist and cannot be reversed"));
            try {
                return post(entry.entry().reversal(original, key, date, reason));
            } catch (DuplicateKeyException e) {
                throw new LedgerException("entry " + original + " has already been reversed", e);
            }
        });
    }

    @Override
    public Optional<PostedEntry> find(EntryId id) {
        return jdbc.sql("select " + ENTRY_COLUMNS + " from journal_entry where entry_id = ?")
                .param(id.value()).query(this::mapEntry).optional();
    }

    @Override
    public Optional<PostedEntry> find(IdempotencyKey key) {
        return jdbc.sql("select " + ENTRY_COLUMNS + " from journal_entry where idempotency_key = ?")
                .param(key.value()).query(this::mapEntry).optional();
    }

    private PostedEntry mapEntry(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("entry_id");
        List<Posting> postings = jdbc.sql("select account_code, amount from posting where entry_id = ? order by line_no")
                .param(id)
                .query((p, n) -> new Posting(AccountCode.of(p.getString(1)), Money.of(p.getBigDecimal(2))))
                .list();
        long reversesId = rs.getLong("reverses_entry_id");
        Optional<EntryId> reverses = rs.wasNull() ? Optional.empty() : Optional.of(new EntryId(reversesId));
        JournalEntry entry = new JournalEntry(
                new IdempotencyKey(rs.getString("idempotency_key")),
                rs.getObject("entry_date", LocalDate.class),
                rs.getString("description"),
                postings,
                reverses);
        return new PostedEntry(new EntryId(id), entry, rs.getTimestamp("recorded_at").toInstant());
    }

    @Override
    public Account open(AccountCode code, String name) {
        return inTransaction(() -> {
            Optional<Account> existing = account(code);
            if (existing.isPresent()) {
                return existing.get();
            }
            AccountCode parent = code.parent().orElseThrow(() -> new UnknownAccountException(code));
            Account parentAccount = account(parent).orElseGet(() -> open(parent, defaultName(parent)));
            jdbc.sql("insert into account (code, name, type, parent_code) values (?, ?, ?, ?) on conflict do nothing")
                    .params(code.value(), name, parentAccount.type().name(), parent.value())
                    .update();
            rememberAfterCommit(code);
            return new Account(code, name, parentAccount.type(), Optional.of(parent));
        });
    }

    private String defaultName(AccountCode code) {
        AccountCode parent = code.parent().orElseThrow(() -> new UnknownAccountException(code));
        String parentName = account(parent).map(Account::name).orElseGet(() -> defaultName(parent));
        return parentName + "-" + code.value().substring(parent.value().length() + 1);
    }

    private void ensureAccount(AccountCode code) {
        if (!knownAccounts.contains(code) && account(code).isEmpty()) {
            open(code, defaultName(code));
        }
    }

    @Override
    public Optional<Account> account(AccountCode code) {
        Optional<Account> account = jdbc.sql("select code, name, type, parent_code from account where code = ?")
                .param(code.value())
                .query((rs, n) -> mapAccount(rs))
                .optional();
        account.ifPresent(a -> rememberAfterCommit(a.code()));
        return account;
    }

    /**
     * Caches an account as existing once its transaction has committed: an account created in a
     * transaction that rolls back must be created again next time.
     */
    private void rememberAfterCommit(AccountCode code) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    knownAccounts.add(code);
                }
            });
        } else {
            knownAccounts.add(code);
        }
    }

    private static Account mapAccount(ResultSet rs) throws SQLException {
        String parent = rs.getString("parent_code");
        return new Account(AccountCode.of(rs.getString("code")), rs.getString("name"),
                AccountType.valueOf(rs.getString("type")),
                Optional.ofNullable(parent).map(AccountCode::of));
    }

    @Override
    public Money balance(AccountCode account, LocalDate asOf) {
        BigDecimal total = jdbc.sql("""
                        select coalesce(sum(p.amount), 0)
                          from posting p join journal_entry e on e.entry_id = p.entry_id
                         where (p.account_code = ? or starts_with(p.account_code, ?))
                           and e.entry_date <= ?""")
                .params(account.value(), account.value() + ".", asOf)
                .query(BigDecimal.class).single();
        return Money.of(total);
    }

    @Override
    public TrialBalance trialBalance(LocalDate asOf) {
        List<TrialBalance.Line> lines = jdbc.sql("""
                        select a.code, a.name, a.type, a.parent_code,
                               coalesce(sum(p.amount) filter (where p.amount > 0), 0) as debits,
                               coalesce(-sum(p.amount) filter (where p.amount < 0), 0) as credits
                          from posting p
                          join journal_entry e on e.entry_id = p.entry_id
                          join account a on a.code = p.account_code
                         where e.entry_date <= ?
                         group by a.code, a.name, a.type, a.parent_code
                         order by a.code""")
                .param(asOf)
                .query((rs, n) -> new TrialBalance.Line(mapAccount(rs),
                        Money.of(rs.getBigDecimal("debits")), Money.of(rs.getBigDecimal("credits"))))
                .list();
        return new TrialBalance(asOf, lines);
    }

    @Override
    public boolean isClosed(YearMonth period) {
        return jdbc.sql("select count(*) from accounting_period where period = ? and status = 'CLOSED'")
                .param(period.toString()).query(Integer.class).single() > 0;
    }

    @Override
    public void close(YearMonth period) {
        inTransaction(() -> {
            jdbc.sql("insert into accounting_period (period) values (?) on conflict do nothing")
                    .param(period.toString()).update();
            int closed = jdbc.sql("""
                            update accounting_period set status = 'CLOSED', closed_at = ?
                             where period = ? and status = 'OPEN'""")
                    .params(Timestamp.from(clock.instant()), period.toString())
                    .update();
            if (closed == 0) {
                throw new ClosedPeriodException(period, "it was closed before and cannot be closed again");
            }
            return null;
        });
    }

    /**
     * Runs the work in the caller's transaction or a new one, and turns the database's own rule
     * violations (raised by the journal's triggers) into the ledger's exceptions.
     */
    private <T> T inTransaction(Supplier<T> work) {
        try {
            return transactions.execute(status -> work.get());
        } catch (DataAccessException e) {
            throw translate(e);
        }
    }

    private static RuntimeException translate(DataAccessException e) {
        Throwable cause = e.getMostSpecificCause();
        String state = cause instanceof SQLException sql ? sql.getSQLState() : null;
        String message = cause.getMessage();
        if ("MS001".equals(state)) {
            return new ClosedPeriodException(firstLine(message), e);
        }
        if ("MS002".equals(state) || "MS003".equals(state)) {
            return new LedgerException(firstLine(message), e);
        }
        if ("MS004".equals(state)) {
            return new UnbalancedEntryException(new IdempotencyKey("database"), firstLine(message));
        }
        return e;
    }

    private static String firstLine(String message) {
        String text = message == null ? "" : message;
        text = text.startsWith("ERROR: ") ? text.substring(7) : text;
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
