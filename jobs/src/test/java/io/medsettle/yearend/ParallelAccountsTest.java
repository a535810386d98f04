package io.medsettle.yearend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medsettle.support.MedsettleSpringTest;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The year-end's readers in parallel: whatever the ranges, every account comes once with all its
 * movements; a failure on one reader's thread stops them all and is thrown as it was raised; and the
 * readers see what the year-end's transaction sees, not what was committed after it began to read.
 *
 * <p>In the database of {@link MovementsCopyTest} (movements written without the ledger), after its dates.
 */
class ParallelAccountsTest extends MedsettleSpringTest {

    private static final LocalDate THROUGH = LocalDate.of(2070, 12, 31);

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add("medsettle.test.context", () -> "movements-copy");
    }

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private DataSource dataSource;

    @Autowired
    private PlatformTransactionManager transactions;

    @BeforeEach
    void sixtyAccounts() {
        if (jdbc.queryForObject("select count(*) from account_movement where psn_no like 'PAX%'", Long.class) == 0) {
            for (int a = 0; a < 60; a++) {
                String psn = "PAX%02d".formatted(a);
                move(psn, "allocation", (a + 1) + ".00", "2070-01-15");
                for (int m = 0; m < a % 4; m++) {
                    move(psn, "spending", "-0.0" + (m + 1), "2070-0" + (m + 2) + "-01");
                }
            }
        }
    }

    @Test
    void everyAccountComesOnceWithAllItsMovementsWhateverTheRanges() throws Exception {
        Map<String, String> whole = read(List.of(MemberRange.ALL));
        Map<String, String> inThree = read(MemberRange.split(List.of("PAX00", "PAX20", "PAX40", "PAX59"), 3));
        Map<String, String> cutOnAnAccount = read(List.of(new MemberRange(null, "PAX07"), new MemberRange("PAX07", null)));

        assertThat(whole).hasSize(60).containsEntry("PAX00", "1 movements, 1.00").containsEntry("PAX07", "4 movements, 7.94");
        assertThat(inThree).isEqualTo(whole);
        assertThat(cutOnAnAccount).isEqualTo(whole);
    }

    @Test
    void aFailureOnOneReadersThreadStopsEveryReaderAndIsThrownAsItWasRaised() throws Exception {
        List<MemberRange> ranges = MemberRange.split(List.of("PAX00", "PAX30", "PAX59"), 2);
        assertThatThrownBy(() -> new ParallelAccounts(dataSource, null).forEachAccount(ranges, THROUGH, (psn, movements) -> {
            if (psn.equals("PAX33")) {
                throw new IllegalArgumentException("the spending of PAX33 takes more than the account holds");
            }
            return movements.size();
        }, (psn, size) -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the spending of PAX33 takes more than the account holds");
        noReaderLeft();
        everyPooledConnectionAnswers();
    }

    @Test
    void aFailureOfTheCallersOwnHandlerStopsTheReadersToo() throws Exception {
        List<MemberRange> ranges = MemberRange.split(List.of("PAX00", "PAX30", "PAX59"), 2);
        assertThatThrownBy(() -> new ParallelAccounts(dataSource, null).forEachAccount(ranges, THROUGH,
                (psn, movements) -> movements.size(), (psn, size) -> {
                    throw new IllegalStateException("the run's rows refused " + psn);
                }))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("the run's rows refused ");
        noReaderLeft();
        everyPooledConnectionAnswers();
    }

    /**
     * Every reader ends. The pool counts a reader as gone a moment before its thread has died, so the
     * threads are given a few seconds; one still there after them is a reader that did not stop.
     */
    private static void noReaderLeft() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (readers() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(readers()).as("year-end readers still running").isZero();
    }

    private static long readers() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("year-end-reader-")).count();
    }

    /** A reader stopped in the middle of its COPY gives up its connection: none goes back to the pool half-way. */
    private void everyPooledConnectionAnswers() throws SQLException {
        int idle = dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean().getIdleConnections();
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < idle; i++) {
                Connection connection = dataSource.getConnection();
                held.add(connection);
                try (Statement statement = connection.createStatement(); ResultSet answer = statement.executeQuery("select 42")) {
                    assertThat(answer.next()).isTrue();
                    assertThat(answer.getInt(1)).isEqualTo(42);
                }
            }
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
    }

    @Test
    void theReadersSeeWhatTheTransactionSaw() {
        TransactionTemplate yearEnd = new TransactionTemplate(transactions);
        TransactionTemplate another = new TransactionTemplate(transactions);
        another.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        Map<String, String> seen = yearEnd.execute(status -> {
            String snapshot = jdbc.queryForObject("select pg_export_snapshot()", String.class);
            another.executeWithoutResult(s -> move("PAY-LATE-" + System.nanoTime(), "allocation", "5.00", "2070-06-01"));
            try {
                return read(new ParallelAccounts(dataSource, snapshot), List.of(MemberRange.ALL));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(seen).isNotEmpty().noneSatisfy((psn, movements) -> assertThat(psn).startsWith("PAY-LATE-"));
        assertThat(readAll()).anySatisfy((psn, movements) -> assertThat(psn).startsWith("PAY-LATE-"));
    }

    private Map<String, String> read(List<MemberRange> ranges) throws SQLException {
        Map<String, String> read = read(new ParallelAccounts(dataSource, null), ranges);
        read.keySet().removeIf(psn -> !psn.startsWith("PAX"));
        return read;
    }

    private Map<String, String> readAll() {
        try {
            return read(new ParallelAccounts(dataSource, null), List.of(MemberRange.ALL));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> read(ParallelAccounts readers, List<MemberRange> ranges) throws SQLException {
        Map<String, String> read = new TreeMap<>();
        readers.forEachAccount(ranges, THROUGH,
                (psn, movements) -> movements.size() + " movements, "
                        + movements.movements().stream().map(m -> m.amount().amount()).reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add),
                (psn, summary) -> assertThat(read.put(psn, summary)).as("%s read twice", psn).isNull());
        return read;
    }

    private SubLedgerRows subLedger;

    private void move(String psn, String kind, String amount, String valueDate) {
        if (subLedger == null) {
            subLedger = new SubLedgerRows(jdbc, "parallel-accounts-test");
        }
        subLedger.move(psn, kind, amount, valueDate);
    }
}
