package io.medsettle.ledger.jdbc;

import static io.medsettle.ledger.ChartOfAccounts.BANK_EXPENDITURE;
import static io.medsettle.ledger.ChartOfAccounts.POOLED_BENEFIT_EXPENSE;
import static io.medsettle.ledger.ChartOfAccounts.POOLED_FUND;
import static io.medsettle.ledger.ChartOfAccounts.institutionPayable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medsettle.ledger.AccountCode;
import io.medsettle.ledger.AccountType;
import io.medsettle.ledger.ClosedPeriodException;
import io.medsettle.ledger.EntryId;
import io.medsettle.ledger.IdempotencyConflictException;
import io.medsettle.ledger.IdempotencyKey;
import io.medsettle.ledger.JournalEntry;
import io.medsettle.ledger.LedgerException;
import io.medsettle.ledger.Money;
import io.medsettle.ledger.PostedEntry;
import io.medsettle.ledger.TrialBalance;
import io.medsettle.testdb.PostgresTestDatabase;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class JdbcLedgerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-04-11T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    private static HikariDataSource dataSource;
    private static JdbcLedger ledger;

    @BeforeAll
    static void database() {
        dataSource = PostgresTestDatabase.freshDatabase().dataSource();
        ledger = new JdbcLedger(dataSource, new DataSourceTransactionManager(dataSource), CLOCK);
    }

    @AfterAll
    static void closeDatabase() {
        dataSource.close();
    }

    private static JournalEntry payment(String key, LocalDate date, String institution, String amount) {
        return JournalEntry.builder(new IdempotencyKey(key), date, "月结拨付 " + institution)
                .debit(POOLED_BENEFIT_EXPENSE, Money.of(amount))
                .credit(institutionPayable(institution), Money.of(amount))
                .build();
    }

    @Test
    void postsAnEntryAndCreatesTheInstitutionSubAccountOnDemand() {
        PostedEntry posted = ledger.post(payment("t1:payment", LocalDate.of(2026, 1, 31), "H1001", "1500.25"));

        assertThat(ledger.find(posted.id())).hasValueSatisfying(found -> {
            assertThat(found.entry()).isEqualTo(posted.entry());
            assertThat(found.recordedAt()).isEqualTo(CLOCK.instant());
        });
        assertThat(ledger.account(institutionPayable("H1001"))).hasValueSatisfying(account -> {
            assertThat(account.type()).isEqualTo(AccountType.LIABILITY);
            assertThat(account.name()).isEqualTo("应付定点机构款-H1001");
        });
        assertThat(ledger.balance(institutionPayable("H1001"), LocalDate.of(2026, 1, 31))).isEqualTo(Money.of("-1500.25"));
        assertThat(ledger.balance(institutionPayable("H1001"), LocalDate.of(2026, 1, 30))).isEqualTo(Money.ZERO);
    }

    @Test
    void sameKeyAndContentPostsOnceAndReturnsTheFirstEntry() {
        JournalEntry entry = payment("t2:payment", LocalDate.of(2026, 2, 28), "H1002", "10.00");
        PostedEntry first = ledger.post(entry);
        PostedEntry again = ledger.post(entry);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(ledger.balance(institutionPayable("H1002"), LocalDate.of(2026, 12, 31))).isEqualTo(Money.of("-10.00"));
    }

    @Test
    void sameKeyWithOtherContentIsAConflictThatSaysSo() {
        ledger.post(payment("t3:payment", LocalDate.of(2026, 2, 28), "H1003", "10.00"));

        assertThatThrownBy(() -> ledger.post(payment("t3:payment", LocalDate.of(2026, 2, 28), "H1003", "10.01")))
                .isInstanceOf(IdempotencyConflictException.class)
                .hasMessageContaining("t3:payment")
                .hasMessageContaining("different content");
    }

    @Test
    void anEntryPostedUnderAReservedIdKeepsItAndAnEarlierKeyCannotStandInForIt() {
        EntryId reserved = ledger.reserveId();
        EntryId next = ledger.reserveId();
        assertThat(next.value()).isGreaterThan(reserved.value());
        PostedEntry posted = ledger.post(payment("t7:reserved", LocalDate.of(2026, 2, 27), "H1077", "12.34"), reserved);

        assertThat(posted.id()).isEqualTo(reserved);
        assertThat(ledger.find(reserved)).hasValueSatisfying(found -> assertThat(found.entry()).isEqualTo(posted.entry()));
        assertThat(ledger.post(payment("t7:after", LocalDate.of(2026, 2, 27), "H1077", "1.00")).id().value())
                .as("entries posted later are numbered after the ids taken").isGreaterThan(next.value());
        // Rows already name the id they reserved: the same key posted before is a refusal, not a reuse.
        assertThatThrownBy(() -> ledger.post(payment("t7:reserved", LocalDate.of(2026, 2, 27), "H1077", "12.34"),
                ledger.reserveId()))
                .isInstanceOf(LedgerException.class)
                .hasMessageContaining("t7:reserved")
                .hasMessageContaining("entry " + reserved);
        assertThat(ledger.balance(institutionPayable("H1077"), LocalDate.of(2026, 12, 31))).isEqualTo(Money.of("-13.34"));
    }

    @Test
    void aReversalNegatesTheOriginalAndCanHappenOnlyOnce() {
        PostedEntry original = ledger.post(payment("t4:payment", LocalDate.of(2026, 3, 31), "H1004", "800.00"));
        PostedEntry reversal = ledger.reverse(original.id(), new IdempotencyKey("t4:reversal"), LocalDate.of(2026, 3, 31), "错误更正");

        assertThat(reversal.entry().reverses()).contains(original.id());
        assertThat(ledger.balance(institutionPayable("H1004"), LocalDate.of(2026, 3, 31))).isEqualTo(Money.ZERO);
        // The same reversal retried is idempotent; a second, different reversal is refused.
        assertThat(ledger.reverse(original.id(), new IdempotencyKey("t4:reversal"), LocalDate.of(2026, 3, 31), "错误更正").id())
                .isEqualTo(reversal.id());
        assertThatThrownBy(() -> ledger.reverse(original.id(), new IdempotencyKey("t4:reversal-2"), LocalDate.of(2026, 3, 31), "再次更正"))
                .isInstanceOf(LedgerException.class)
                .hasMessageContaining("already been reversed");
    }

    @Test
    void aClosedPeriodTakesNoPostingsButARetryStillFindsItsEntry() {
        JournalEntry posted = payment("t5:payment", LocalDate.of(2025, 6, 30), "H1005", "42.00");
        ledger.post(posted);
        ledger.close(YearMonth.of(2025, 6));

        assertThat(ledger.isClosed(YearMonth.of(2025, 6))).isTrue();
        assertThat(ledger.post(posted).entry()).isEqualTo(posted);
        assertThatThrownBy(() -> ledger.post(payment("t5:late", LocalDate.of(2025, 6, 15), "H1005", "1.00")))
                .isInstanceOf(ClosedPeriodException.class)
                .hasMessageContaining("2025-06");
        assertThatThrownBy(() -> ledger.close(YearMonth.of(2025, 6)))
                .isInstanceOf(ClosedPeriodException.class)
                .hasMessageContaining("closed before");
    }

    @Test
    void anAccountOutsideTheChartIsRefused() {
        JournalEntry entry = JournalEntry.builder(new IdempotencyKey("t6:bad"), LocalDate.of(2026, 1, 5), "bad")
                .debit(AccountCode.of("9999.X"), Money.of("1"))
                .credit(POOLED_FUND, Money.of("1"))
                .build();

        assertThatThrownBy(() -> ledger.post(entry)).hasMessageContaining("9999").hasMessageContaining("not in the chart");
    }

    @Test
    void anEntryRolledBackWithItsTransactionLeavesNothingAndCanBePostedLater() {
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        JournalEntry entry = payment("t7:payment", LocalDate.of(2026, 5, 31), "H1007", "7.00");
        tx.executeWithoutResult(status -> {
            ledger.post(entry);
            status.setRollbackOnly();
        });
        assertThat(ledger.find(entry.key())).isEmpty();

        assertThat(ledger.post(entry).entry()).isEqualTo(entry);
    }

    @Test
    void twoThreadsRacingForOneKeyPostItOnce() throws Exception {
        for (int round = 0; round < 20; round++) {
            JournalEntry entry = payment("t8:race:" + round, LocalDate.of(2026, 7, 31), "H1008", "100.00");
            CyclicBarrier start = new CyclicBarrier(2);
            Callable<PostedEntry> post = () -> {
                start.await();
                return ledger.post(entry);
            };
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                List<Future<PostedEntry>> results = new ArrayList<>(threads.invokeAll(List.of(post, post)));
                assertThat(results.get(0).get().id()).isEqualTo(results.get(1).get().id());
            } finally {
                threads.shutdown();
            }
        }
        Integer entries = new JdbcTemplate(dataSource).queryForObject(
                "select count(*) from journal_entry where idempotency_key like 't8:race:%'", Integer.class);
        assertThat(entries).isEqualTo(20);
        assertThat(ledger.balance(institutionPayable("H1008"), LocalDate.of(2026, 7, 31))).isEqualTo(Money.of("-2000.00"));
    }

    @Test
    void theTrialBalanceBalancesAndListsDebitsAndCredits() {
        ledger.post(payment("t9:a", LocalDate.of(2026, 8, 31), "H1009", "300.00"));
        ledger.post(JournalEntry.builder(new IdempotencyKey("t9:b"), LocalDate.of(2026, 8, 31), "拨付 H1009")
                .debit(institutionPayable("H1009"), Money.of("300.00"))
                .credit(BANK_EXPENDITURE, Money.of("300.00"))
                .build());

        TrialBalance trial = ledger.trialBalance(LocalDate.of(2026, 12, 31));

        assertThat(trial.isBalanced()).isTrue();
        assertThat(trial.lines()).anySatisfy(line -> {
            assertThat(line.account().code()).isEqualTo(institutionPayable("H1009"));
            assertThat(line.debits()).isEqualTo(Money.of("300.00"));
            assertThat(line.credits()).isEqualTo(Money.of("300.00"));
            assertThat(line.balance()).isEqualTo(Money.ZERO);
        });
    }
}
