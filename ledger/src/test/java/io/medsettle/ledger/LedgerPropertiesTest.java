package io.medsettle.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medsettle.ledger.jdbc.JdbcLedger;
import io.medsettle.testdb.PostgresTestDatabase;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariDataSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** Properties of the journal, checked on the real database with random entries. */
class LedgerPropertiesTest {

    private static final List<AccountCode> ACCOUNTS = List.of(
            ChartOfAccounts.BANK_EXPENDITURE, ChartOfAccounts.BANK_INCOME, ChartOfAccounts.POOLED_FUND,
            ChartOfAccounts.POOLED_BENEFIT_EXPENSE, ChartOfAccounts.institutionPayable("H9001"),
            ChartOfAccounts.holdbackPayable("H9002"), ChartOfAccounts.individualAccount("P0001"),
            ChartOfAccounts.INTEREST_EXPENSE);
    private static final AtomicLong KEYS = new AtomicLong();
    private static HikariDataSource dataSource;
    private static Ledger ledger;

    @BeforeContainer
    static void database() {
        dataSource = PostgresTestDatabase.freshDatabase().dataSource();
        ledger = new JdbcLedger(dataSource, new DataSourceTransactionManager(dataSource), Clock.systemUTC());
    }

    @AfterContainer
    static void closeDatabase() {
        dataSource.close();
    }

    /** A balanced entry: random debits, and credits that split their total at random. */
    @Provide
    Arbitrary<JournalEntry> balancedEntries() {
        Arbitrary<AccountCode> account = Arbitraries.of(ACCOUNTS);
        Arbitrary<Long> fen = Arbitraries.longs().between(1, 5_000_000_00L);
        Arbitrary<LocalDate> date = Arbitraries.integers().between(0, 364).map(d -> LocalDate.of(2026, 1, 1).plusDays(d));
        return Combinators.combine(date, fen.list().ofMinSize(1).ofMaxSize(4), account.list().ofSize(8),
                        Arbitraries.integers().between(1, 4))
                .as((day, debits, accounts, creditLines) -> {
                    JournalEntry.Builder entry = JournalEntry.builder(
                            new IdempotencyKey("prop:" + KEYS.incrementAndGet()), day, "random");
                    long total = 0;
                    for (int i = 0; i < debits.size(); i++) {
                        entry.debit(accounts.get(i), Money.ofFen(debits.get(i)));
                        total += debits.get(i);
                    }
                    List<Money> credits = Money.ofFen(total).allocate(
                            java.util.Collections.nCopies(creditLines, java.math.BigDecimal.ONE));
                    for (int i = 0; i < credits.size(); i++) {
                        entry.credit(accounts.get(4 + i), credits.get(i));
                    }
                    return entry.build();
                });
    }

    @Provide
    Arbitrary<List<JournalEntry>> entryLists() {
        return balancedEntries().list().ofMinSize(1).ofMaxSize(10);
    }

    @Property(tries = 60)
    void randomBalancedEntriesKeepEveryTrialBalanceAtZero(@ForAll("entryLists") List<JournalEntry> entries) {
        entries.forEach(ledger::post);

        for (LocalDate asOf : List.of(LocalDate.of(2026, 3, 31), LocalDate.of(2026, 9, 30), LocalDate.of(2026, 12, 31))) {
            TrialBalance trial = ledger.trialBalance(asOf);
            assertThat(trial.isBalanced()).isTrue();
            assertThat(Money.sum(trial.lines().stream().map(TrialBalance.Line::balance).toList())).isEqualTo(Money.ZERO);
        }
    }

    @Property(tries = 200)
    void unbalancedEntriesAreRefusedBeforeTheyReachTheJournal(
            @ForAll("balancedEntries") JournalEntry entry,
            @ForAll("nonZeroFen") long error) {
        List<Posting> postings = new ArrayList<>(entry.postings());
        Posting first = postings.get(0);
        Money wrong = first.amount().plus(Money.ofFen(error));
        if (wrong.isZero()) {
            postings.remove(0);
            postings.add(new Posting(first.account(), Money.ofFen(error)));
        } else {
            postings.set(0, new Posting(first.account(), wrong));
        }

        assertThatThrownBy(() -> new JournalEntry(entry.key(), entry.date(), entry.description(), postings, entry.reverses()))
                .isInstanceOf(UnbalancedEntryException.class)
                .hasMessageContaining("does not balance");
    }

    @Provide
    Arbitrary<Long> nonZeroFen() {
        return Arbitraries.longs().between(-1_000_000, 1_000_000).filter(f -> f != 0);
    }

    @Property(tries = 50)
    void oneKeyNeverPostsTwice(@ForAll("balancedEntries") JournalEntry entry) {
        PostedEntry first = ledger.post(entry);
        PostedEntry second = ledger.post(entry);

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(ledger.find(entry.key()).orElseThrow().id()).isEqualTo(first.id());
    }
}
