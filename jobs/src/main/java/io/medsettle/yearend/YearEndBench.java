package io.medsettle.yearend;

import io.medsettle.accounts.InterestMethod;
import io.medsettle.app.Application;
import io.medsettle.app.PgCopy;
import io.medsettle.bench.BenchTables;
import io.medsettle.bench.Heap;
import io.medsettle.cli.ConsoleTable;
import io.medsettle.reference.ReferenceFileLoader;
import io.medsettle.reference.ReferenceKind;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The year-end case of {@code bench} (issue 11): the interest of every account, computed the way the
 * year-end's approval does it ({@code daily_balance} in one set-based statement, {@code split_rate}
 * streamed member by member through the calculator), against the floor: one SQL pass over the same
 * movements, summing each account's balance. Each interest run is rolled back, so the accounts are left
 * as they were; the movements stay (the sub-ledger is append-only: run it in a home of its own).
 */
public final class YearEndBench {

    private static final int YEAR = 2026;
    /** An opening, twelve monthly allocations and two payments: fifteen movements an account. */
    private static final int MOVEMENTS_PER_ACCOUNT = 15;

    private final PrintWriter out;
    private final Path dir;
    private final int accounts;

    public YearEndBench(PrintWriter out, Path dir, int accounts) {
        this.out = out;
        this.dir = dir;
        this.accounts = accounts;
    }

    public int run(Application app) throws Exception {
        Files.createDirectories(dir);
        Path rates = Files.writeString(dir.resolve("interest-rates.csv"), """
                effective_date,kind,annual_rate
                2020-01-01,demand,0.0035
                2020-01-01,time_3m,0.0110
                2026-05-20,demand,0.0025
                2026-05-20,time_3m,0.0105
                """);
        app.bean(ReferenceFileLoader.class).load(ReferenceKind.INTEREST_RATES, rates, LocalDate.of(2020, 1, 1));
        DataSource dataSource = app.bean(DataSource.class);
        JdbcClient jdbc = app.bean(JdbcClient.class);
        String prefix = "B" + System.nanoTime() % 1_000_000_000L + "-";
        long started = System.nanoTime();
        long written = writeMovements(dataSource, app.bean(PlatformTransactionManager.class), prefix);
        // As autovacuum leaves a sub-ledger written month by month: without it the planner sorts all the
        // movements where an index gives them in order (split_rate's first movement came after 18 s).
        BenchTables.vacuumAnalyze(app.database(), List.of("account_movement"));
        out.printf("%,d movements of %,d accounts written in %.1f s (not timed)%n", written, accounts,
                (System.nanoTime() - started) / 1e9);

        // The floor sums every account's movements and uses the sums. The bench's first floor counted the
        // groups of a subquery whose sums nobody read, and PostgreSQL leaves such sums out (EXPLAIN VERBOSE:
        // NULL::numeric): it timed the grouping alone. It is still timed, beside the floor, for comparison.
        LocalDate last = LocalDate.of(YEAR, 12, 31);
        started = System.nanoTime();
        long grouped = jdbc.sql("""
                        select count(*) from (select psn_no, sum(amount) from account_movement
                                               where value_date <= ? group by psn_no) balances""")
                .param(last).query(Long.class).single();
        long groupedNanos = System.nanoTime() - started;
        started = System.nanoTime();
        long summed = jdbc.sql("""
                        select count(*), sum(balance) from (select psn_no, sum(amount) as balance from account_movement
                                                             where value_date <= ? group by psn_no) balances""")
                .param(last).query((rs, n) -> rs.getLong(1)).single();
        long floorNanos = System.nanoTime() - started;
        out.printf("floor: one SQL pass summing every account's movements: %.1f s (%,d accounts)%n", floorNanos / 1e9, summed);

        ConsoleTable table = ConsoleTable.of("步骤", "账户>", "秒>", "对一次扫描倍数>", "峰值堆 MB>")
                .row("SQL pass summing each account's movements (floor)", summed, seconds(floorNanos), "1.00", "")
                .row("SQL pass grouping them, sums unread (earlier floor)", grouped, seconds(groupedNanos),
                        String.format("%.2f", (double) groupedNanos / floorNanos), "");
        YearInterest interest = app.bean(YearInterest.class);
        // Each computation under a run of its own, later runs above earlier ones, as the year-end's runs are
        // numbered. Under one run number, every computation after the first put its million keys beside the
        // rolled-back keys of the one before, each insert checking them for uniqueness: the bench's first
        // versions so charged split_rate, timed after daily_balance, with about 3 s that no year-end pays.
        // Negative, so that they never meet a real run's number.
        AtomicLong runs = new AtomicLong(-1_000);
        TransactionTemplate transaction = new TransactionTemplate(app.bean(PlatformTransactionManager.class));
        for (InterestMethod method : InterestMethod.values()) {
            timeInterest(table, transaction, floorNanos, method.name().toLowerCase(Locale.ROOT),
                    () -> interest.compute(runs.getAndIncrement(), YEAR, method));
        }
        // split_rate as the year-end computes it (a reader per processor) and with one reader, for comparison.
        timeInterest(table, transaction, floorNanos, "split_rate, one reader",
                () -> interest.computeStreamed(runs.getAndIncrement(), YEAR, InterestMethod.SPLIT_RATE, 1));
        // The two ways of daily_balance, account by account: the set-based statement the year-end runs and
        // the calculator, streamed. Not timed against the floor; counted where they differ.
        long begun = System.nanoTime();
        long differ = transaction.execute(status -> {
            status.setRollbackOnly();
            long setBased = runs.getAndIncrement();
            long streamed = runs.getAndIncrement();
            interest.computeInDatabase(setBased, YEAR);
            interest.computeStreamed(streamed, YEAR, InterestMethod.DAILY_BALANCE);
            return jdbc.sql("""
                    select count(*) from (select psn_no, interest from year_end_interest where run_id = :a) a
                      full join (select psn_no, interest from year_end_interest where run_id = :b) b on a.psn_no = b.psn_no
                     where a.interest is distinct from b.interest""").param("a", setBased).param("b", streamed)
                    .query(Long.class).single();
        });
        table.row("daily_balance streamed through the calculator (check)", "", seconds(System.nanoTime() - begun), "", "");
        out.println();
        table.print(out);
        out.printf("daily_balance, set-based against the calculator: %,d accounts differ%n", differ);
        return 0;
    }

    /**
     * The accounts' movements, COPYed straight into the sub-ledger in member order (as they would lie
     * after a year of loads): an opening of the year before, an allocation on the 15th of every month,
     * two payments. Under made-up member numbers and sources of the run's own.
     */
    private long writeMovements(DataSource dataSource, PlatformTransactionManager transactions, String prefix) {
        List<String> columns = List.of("psn_no", "kind", "amount", "value_date", "source", "entry_id", "recorded_at");
        return new TransactionTemplate(transactions).execute(status -> {
            PgCopy copy = PgCopy.streaming(dataSource, "account_movement", columns);
            for (int a = 0; a < accounts; a++) {
                String psn = prefix + a;
                copy.row().text(psn).text("opening").text((1_000 + a % 9_000) + ".00").text((YEAR - 1) + "-12-31")
                        .text("bench-opening:" + psn).number(0).text("2026-01-01 00:00:00").end();
                for (int m = 1; m <= 12; m++) {
                    copy.row().text(psn).text("allocation").text((50 + a % 100) + "." + (10 + m)).text(YEAR + "-%02d-15".formatted(m))
                            .text("bench-allocation:" + psn + ":" + m).number(0).text("2026-01-01 00:00:00").end();
                }
                copy.row().text(psn).text("spending").text("-" + (20 + a % 30) + ".50").text(YEAR + "-03-20")
                        .text("bench-spending:" + psn + ":1").number(0).text("2026-01-01 00:00:00").end();
                copy.row().text(psn).text("spending").text("-" + (10 + a % 40) + ".25").text(YEAR + "-09-20")
                        .text("bench-spending:" + psn + ":2").number(0).text("2026-01-01 00:00:00").end();
            }
            copy.flush();
            return (long) accounts * MOVEMENTS_PER_ACCOUNT;
        });
    }

    private static void timeInterest(ConsoleTable table, TransactionTemplate transaction, long floorNanos, String what,
                                     Supplier<YearInterest.Totals> compute) {
        Heap.resetPeaks();
        long begun = System.nanoTime();
        YearInterest.Totals totals = transaction.execute(status -> {
            status.setRollbackOnly();
            return compute.get();
        });
        long nanos = System.nanoTime() - begun;
        table.row("year-end interest, " + what + " (" + totals.interest() + ")", totals.accounts(), seconds(nanos),
                String.format("%.2f", (double) nanos / floorNanos), Heap.peakMegabytes());
    }

    private static String seconds(long nanos) {
        return String.format("%.1f", nanos / 1e9);
    }
}
