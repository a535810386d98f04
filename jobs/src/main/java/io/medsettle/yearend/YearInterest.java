package io.medsettle.yearend;

import io.medsettle.accountbook.InterestRatesTable;
import io.medsettle.accounts.Crediting;
import io.medsettle.accounts.InterestCalculator;
import io.medsettle.accounts.InterestMethod;
import io.medsettle.accounts.InterestRates;
import io.medsettle.app.PgCopy;
import io.medsettle.ledger.Money;
import io.medsettle.runs.StepProgress;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The interest of every account open on 31 December (DOMAIN.md §4) into {@code year_end_interest}.
 * An account closed on or before 31 December was credited its interest when it closed and is left
 * out; one closed later (an event of the next year loaded before this year-end) is credited, and the
 * run pays that interest out after it.
 *
 * <p>Two ways, one result:
 * <ul>
 *   <li>{@code split_rate} is not linear in the movements (a debit takes current money first, then
 *       carried), so each account's movements go through the {@link InterestCalculator} in value-date
 *       order: the movements stream past in member order ({@link MovementsCopy}), never all in memory,
 *       a range of members on each processor ({@link ParallelAccounts}), and each account's interest
 *       goes straight into the run's rows by a streaming {@code COPY}.</li>
 *   <li>{@code daily_balance} is linear: Σ_d B(d) × r(d) over the days of the year is
 *       Σ_movements amount × W(v), W(v) the sum of the daily rates from the movement's value date v
 *       (1 January for earlier ones) to 31 December. So it is one set-based statement: each movement
 *       times its weight (a {@code CASE} over the stretches of constant rate, see {@link #weightOf}),
 *       summed per account, exactly (in integers: fen times millionths of a rate), rounded once.
 *       {@code bench --case year-end} computes both ways over a million accounts and counts the
 *       accounts where they differ (none).</li>
 * </ul>
 */
@Component
class YearInterest {

    /** What the run's interest adds up to. */
    record Totals(long accounts, Money interest) {
    }

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final InterestRatesTable rates;

    YearInterest(DataSource dataSource, JdbcClient jdbc, InterestRatesTable rates) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.rates = rates;
    }

    /**
     * Computes the year's interest of every account into {@code year_end_interest} under the run.
     *
     * @throws IllegalStateException naming the rate when a rate the method needs is missing
     */
    Totals compute(long runId, int year, InterestMethod method) {
        return method == InterestMethod.DAILY_BALANCE ? computeInDatabase(runId, year) : computeStreamed(runId, year, method);
    }

    /**
     * {@code daily_balance} in one statement. The rates are read as the calculator reads them (a rate
     * missing on 1 January fails with the same message); each day's rate is the row with the latest
     * effective date on or before it.
     */
    Totals computeInDatabase(long runId, int year) {
        LocalDate first = LocalDate.of(year, 1, 1);
        LocalDate last = LocalDate.of(year, 12, 31);
        InterestRates all = rates.all();
        all.on(InterestRates.Kind.DEMAND, first);
        String weight = weightOf("greatest(m.value_date, date '" + first + "')", first, last, all);
        // The sums of a million accounts are grouped in memory, not on disk, for this transaction only.
        jdbc.sql("set local work_mem = '256MB'").update();
        // Grouped as the movements come in member order, not in a hash table: the member index carries
        // the amounts (V15), so PostgreSQL reads it in parallel, sums each worker's accounts as they pass
        // and merges the workers' sums in member order, which the insert after wants (see insertSums).
        // Left alone, the planner hashes a parallel scan of the table, unaware of the insert: 6.4 s where
        // this takes 5.2–5.5 s on the bench's database. Only the hashing is turned off, for this statement:
        // where autovacuum has not yet marked the sub-ledger's pages all-visible, the planner still chooses
        // a scan of the table and a sort.
        jdbc.sql("set local enable_hashagg = off").update();
        // The sums go to a table of the transaction made by CREATE TABLE AS, which scans and sums the
        // movements in parallel (an INSERT … SELECT would run on one worker), then into the run's rows.
        jdbc.sql("""
                        create temporary table year_end_sums on commit drop as
                        select m.psn_no, round(sum((m.amount * 100)::bigint * (%s)) / 36000000000.0, 2) as interest
                          from account_movement m
                         where m.value_date <= :last::date
                         group by m.psn_no""".formatted(weight))
                .param("last", last).update();
        jdbc.sql("set local enable_hashagg to default").update();
        insertSums(runId, last);
        return totals(runId);
    }

    /**
     * W(v), the sum of the daily demand rates from the day {@code v} to 31 December, in millionths, as a
     * SQL expression of {@code v} (a date between {@code first} and {@code last}). The rates have at most
     * six decimals (interest_rate.annual_rate), so every weight is a whole number and Σ fen × W(v) is the
     * calculator's numerator exactly, in fen-millionths: / (360 × 100 × 1,000,000) it is yuan.
     *
     * <p>The rate is constant between its changes, so W is linear on each stretch: on the stretch
     * [s, e] at rate r, W(v) = r × (e − v + 1) + W(e + 1). One {@code CASE} branch per stretch, newest
     * first: PostgreSQL evaluates it in integers for each movement, which costs less than joining the
     * movements to a table of the year's days (tried: a {@code VALUES} list of 365 weights, hash-joined).
     */
    static String weightOf(String v, LocalDate first, LocalDate last, InterestRates rates) {
        StringBuilder branches = new StringBuilder("case");
        long after = 0;
        LocalDate end = last;
        while (!end.isBefore(first)) {
            BigDecimal rate = rates.on(InterestRates.Kind.DEMAND, end);
            LocalDate start = end;
            while (start.isAfter(first) && rates.on(InterestRates.Kind.DEMAND, start.minusDays(1)).compareTo(rate) == 0) {
                start = start.minusDays(1);
            }
            long perDay = rate.movePointRight(6).longValueExact();
            branches.append(" when ").append(v).append(" >= date '").append(start).append("' then ")
                    .append(perDay).append("::bigint * (date '").append(end).append("' - ").append(v).append(" + 1) + ")
                    .append(after);
            after = Math.addExact(after, Math.multiplyExact(perDay, end.toEpochDay() - start.toEpochDay() + 1));
            end = start.minusDays(1);
        }
        return branches.append(" end").toString();
    }

    /**
     * Any method, account by account through the calculator: the movements stream past member by member
     * ({@link MovementsCopy}), a range of members on each of {@link ParallelAccounts#readersForThisMachine()}
     * connections, all of them reading what this transaction sees; each account's interest goes by a
     * streaming COPY into the run's rows.
     */
    Totals computeStreamed(long runId, int year, InterestMethod method) {
        return computeStreamed(runId, year, method, ParallelAccounts.readersForThisMachine());
    }

    /** As {@link #computeStreamed(long, int, InterestMethod)}, with at most {@code readers} readers (the bench compares). */
    Totals computeStreamed(long runId, int year, InterestMethod method, int readers) {
        InterestCalculator calculator = new InterestCalculator(method, rates.all());
        Crediting crediting = Crediting.yearEnd(year);
        LocalDate last = crediting.through();
        Map<String, Closure> closures = closuresFrom(crediting.from());
        String snapshot = jdbc.sql("select pg_export_snapshot()").query(String.class).single();
        List<MemberRange> ranges = MemberRange.split(memberHistogram(), readers);
        // Straight into the run's rows: a table of the transaction in between, and an INSERT … SELECT from
        // it, wrote every account twice (about a third of the step).
        PgCopy copy = PgCopy.streaming(dataSource, "year_end_interest",
                List.of("run_id", "psn_no", "interest", "closed_on", "event", "counterparty"));
        StepProgress progress = new StepProgress("closeYear", "accounts");
        try {
            new ParallelAccounts(dataSource, snapshot).forEachAccount(ranges, last,
                    (psnNo, movements) -> calculator.interest(movements, crediting),
                    (psnNo, interest) -> {
                        progress.row();
                        Closure closure = closures.get(psnNo);
                        boolean openOnLastDay = closure == null || closure.closedOn().isAfter(last);
                        if (interest.isPositive() && openOnLastDay) {
                            copy.row().number(runId).text(psnNo).money(interest).date(closure == null ? null : closure.closedOn())
                                    .text(closure == null ? null : closure.event()).text(closure == null ? null : closure.counterparty()).end();
                        }
                    });
            copy.flush();
        } catch (SQLException e) {
            copy.cancel();
            throw new IllegalStateException("reading the accounts' movements failed: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            copy.cancel();
            throw e;
        }
        refuseInterestOfAccountsClosedBefore(runId, crediting.from());
        return totals(runId);
    }

    private record Closure(LocalDate closedOn, String event, String counterparty) {
    }

    /**
     * The accounts closed on or after {@code first}: those closed in the year were credited when they closed
     * and are left out, those closed later are credited and paid out after. They are one or two years'
     * closures, a small part of the accounts; older ones are not needed (see below).
     */
    private Map<String, Closure> closuresFrom(LocalDate first) {
        Map<String, Closure> closures = new HashMap<>();
        jdbc.sql("select psn_no, closed_on, event, counterparty from account_closure where closed_on >= ?").param(first)
                .query(rs -> {
                    closures.put(rs.getString(1), new Closure(rs.getObject(2, LocalDate.class), rs.getString(3), rs.getString(4)));
                });
        return closures;
    }

    /**
     * An account closed before the year holds nothing in it, so it earns nothing and has no row: the intake
     * and the allocation refuse every posting to a closed account. Checked all the same, since the set-based
     * way leaves such accounts out by their closure and this one by their interest.
     */
    private void refuseInterestOfAccountsClosedBefore(long runId, LocalDate first) {
        jdbc.sql("""
                        select c.psn_no, c.closed_on from year_end_interest i join account_closure c on c.psn_no = i.psn_no
                         where i.run_id = :run and c.closed_on < :first limit 1""")
                .param("run", runId).param("first", first)
                .query((rs, n) -> "the account of " + rs.getString(1) + " was closed on " + rs.getObject(2, LocalDate.class)
                        + " and yet earns interest after it: its movements after the closure must be corrected first")
                .optional().ifPresent(problem -> {
                    throw new IllegalStateException(problem);
                });
    }

    /**
     * The bounds of the planner's histogram of the movements' member numbers (autovacuum keeps it), in the
     * column's order; none before the sub-ledger was first analyzed.
     */
    private List<String> memberHistogram() {
        return jdbc.sql("""
                        select b from pg_stats s, unnest(s.histogram_bounds::text::text[]) with ordinality as h(b, n)
                         where not s.inherited and s.schemaname = current_schema() and s.tablename = 'account_movement' and s.attname = 'psn_no'
                         order by n""")
                .query(String.class).list();
    }

    /**
     * The sums of {@code year_end_sums} into the run's rows: accounts open on 31 December, or closed after it.
     *
     * <p>In member order: a million keys put into the run's primary key in a hash table's order land on
     * pages all over the index (6.2–6.8 s on the bench's database); in key order each goes at the right
     * edge of the run's part of it (3.7 s). The sums come in member order already, and the sort finds
     * them so at the cost of one comparison each; it is there for when the planner grouped them otherwise.
     * It compares bytes ({@code COLLATE "C"}): member numbers are ASCII letters, digits and hyphens, which
     * the database's collation orders the same way, and a byte sort takes a fraction of the time.
     */
    private void insertSums(long runId, LocalDate last) {
        jdbc.sql("""
                        insert into year_end_interest (run_id, psn_no, interest, closed_on, event, counterparty)
                        select :run, a.psn_no, a.interest, c.closed_on, c.event, c.counterparty
                          from year_end_sums a
                          left join account_closure c on c.psn_no = a.psn_no
                         where a.interest > 0 and (c.closed_on is null or c.closed_on > :last::date)
                         order by a.psn_no collate "C\"""")
                .param("last", last).param("run", runId).update();
        jdbc.sql("drop table year_end_sums").update();
    }

    /**
     * The rates the method needs on 1 January and cannot find, described for the operator; none when
     * no account has any money by 31 December (there is nothing to credit).
     */
    List<String> missingRates(int year, InterestMethod method) {
        LocalDate first = LocalDate.of(year, 1, 1);
        boolean anyAccount = jdbc.sql("select exists (select 1 from account_movement where value_date <= ?)")
                .param(LocalDate.of(year, 12, 31)).query(Boolean.class).single();
        if (!anyAccount) {
            return List.of();
        }
        InterestRates all = rates.all();
        List<InterestRates.Kind> kinds = method == InterestMethod.SPLIT_RATE
                ? List.of(InterestRates.Kind.DEMAND, InterestRates.Kind.TIME_3M) : List.of(InterestRates.Kind.DEMAND);
        List<String> missing = new ArrayList<>();
        for (InterestRates.Kind kind : kinds) {
            try {
                all.on(kind, first);
            } catch (IllegalStateException none) {
                missing.add(none.getMessage());
            }
        }
        return missing;
    }

    /** The run's interest as it was stored. */
    Totals totals(long runId) {
        return jdbc.sql("select count(*), coalesce(sum(interest), 0) from year_end_interest where run_id = ?").param(runId)
                .query((rs, n) -> new Totals(rs.getLong(1), Money.of(rs.getBigDecimal(2)))).single();
    }

    /** The interest of the run that is paid out again: accounts closed after 31 December, by where it goes. */
    record PaidOut(String event, boolean heir, long accounts, Money amount) {
    }

    List<PaidOut> paidOut(long runId) {
        return jdbc.sql("""
                        select event, counterparty is not null as heir, count(*), sum(interest)
                          from year_end_interest where run_id = ? and closed_on is not null
                         group by 1, 2 order by 1, 2""")
                .param(runId)
                .query((rs, n) -> new PaidOut(rs.getString(1), rs.getBoolean(2), rs.getLong(3), Money.of(rs.getBigDecimal(4))))
                .list();
    }
}
