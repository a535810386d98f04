package io.medsettle.accountbook;

import static io.medsettle.ledger.ChartOfAccounts.BANK_INCOME;
import static io.medsettle.ledger.ChartOfAccounts.INDIVIDUAL_ACCOUNTS;
import static io.medsettle.ledger.ChartOfAccounts.POOLED_CONTRIBUTION_INCOME;
import static io.medsettle.ledger.ChartOfAccounts.RETIREE_ALLOCATION_EXPENSE;

import io.medsettle.accounts.AccountHolder;
import io.medsettle.accounts.AgeBands;
import io.medsettle.accounts.AllocationRule;
import io.medsettle.adjudication.MemberCategory;
import io.medsettle.app.PgCopy;
import io.medsettle.ledger.IdempotencyKey;
import io.medsettle.ledger.JournalEntry;
import io.medsettle.ledger.Ledger;
import io.medsettle.ledger.Money;
import io.medsettle.ledger.PostedEntry;
import io.medsettle.runs.StepProgress;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The monthly allocation into the members' accounts (划入, 先缴后划; DOMAIN.md §4), made by the
 * month-end of period P: every contribution paid on or before the last day of P and not yet
 * allocated (a month paid late is allocated when paid: 补记), dated its paid date; and every retired
 * member insured on the 1st of P whose account is open, dated the 1st of P. The amounts come from the
 * profile's rule ({@link AllocationRule}), for a contribution with the member as they were in the
 * contribution's own month, for a retiree as they were on the 1st of P.
 *
 * <p>A preview computes the allocation and its summary; an approval also posts it: the movements in
 * the sub-ledger, and in the ledger the contributions received (the fund's bank) split into pooled
 * fund income and the accounts' part, and the retirees' allocation paid by the pooled fund. Each
 * contribution is marked with the run that allocated it, so it is never allocated twice; one that
 * allocates nothing (a retiree's, a figure missing, a closed account) is pooled income whole.
 */
@Component
public class MonthlyAllocation {

    /** One line of the allocation summary: members and amount by category, age band and source. */
    public record SummaryLine(String category, String band, String source, long members, Money amount) {
    }

    /**
     * The run's allocation summary as it was written: by source, category, then age band youngest
     * first.
     */
    public static List<SummaryLine> summary(JdbcClient jdbc, long runId) {
        return jdbc.sql("select category, band, source, members, amount from allocation_summary where run_id = ?")
                .param(runId)
                .query((rs, n) -> new SummaryLine(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        Money.of(rs.getBigDecimal(5))))
                .list().stream()
                .sorted(Comparator.comparing(SummaryLine::source).thenComparing(SummaryLine::category)
                        .thenComparing(SummaryLine::band, AgeBands.LABEL_ORDER))
                .toList();
    }

    /** What was computed (and, on approval, posted) for the run. */
    public record Result(List<SummaryLine> summary, Money contributions, Money accountPart, Money retirees) {
    }

    private static final List<String> STAGING = List.of("src", "psn_no", "period", "category", "band", "amount",
            "contribution", "value_date");

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final Clock clock;

    MonthlyAllocation(DataSource dataSource, JdbcClient jdbc, Ledger ledger, Clock clock) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** A candidate of the allocation, as the cursor reads it. */
    private record Candidate(char source, String psnNo, YearMonth period, Money base, Money contribution, LocalDate valueDate,
                             AccountHolder holder, boolean closed) {

        static Candidate map(ResultSet rs, int n) throws SQLException {
            String type = rs.getString("psn_type");
            AccountHolder holder = type == null ? null : new AccountHolder(rs.getString("psn_no"), MemberCategory.of(type),
                    rs.getObject("brdy", LocalDate.class), money(rs, "wage_prev_year"), money(rs, "pension_prev_year"));
            return new Candidate(rs.getString("src").charAt(0), rs.getString("psn_no"), YearMonth.parse(rs.getString("period")),
                    money(rs, "base"), money(rs, "contribution"), rs.getObject("value_date", LocalDate.class), holder,
                    rs.getBoolean("closed"));
        }

        private static Money money(ResultSet rs, String column) throws SQLException {
            BigDecimal value = rs.getBigDecimal(column);
            return value == null ? null : Money.of(value);
        }
    }

    /**
     * The contributions to allocate and the retirees of the period, one member after another. The
     * member of a contribution is the version valid on the 1st of the contribution's month; a
     * retiree's, the version valid on the 1st of P. Parameters: the last day of P, then the 1st of P
     * and P.
     */
    private static final String CANDIDATES = """
            select 'C' as src, c.psn_no, c.period, c.base, c.employer_amt + c.personal_amt as contribution,
                   c.paid_date as value_date, m.psn_type, m.brdy, m.wage_prev_year, m.pension_prev_year,
                   exists (select 1 from account_closure a where a.psn_no = c.psn_no) as closed
              from contribution c
              left join member m on m.psn_no = c.psn_no and m.valid_from <= to_date(c.period || '-01', 'YYYY-MM-DD')
                   and (m.valid_to is null or m.valid_to > to_date(c.period || '-01', 'YYYY-MM-DD'))
             where c.paid_date is not null and c.paid_date <= ? and c.allocated_run is null
            union all
            select 'R', m.psn_no, ?, null, null, ?::date, m.psn_type, m.brdy, m.wage_prev_year, m.pension_prev_year,
                   exists (select 1 from account_closure a where a.psn_no = m.psn_no)
              from member m
             where m.psn_type = 'retired' and m.insu_begn_date <= ?::date
               and m.valid_from <= ?::date and (m.valid_to is null or m.valid_to > ?::date)
            order by 2, 1, 3""";

    /**
     * Computes the period's allocation into a table of the transaction, writes the run's summary,
     * and on approval posts it.
     */
    public Result allocate(long runId, YearMonth period, AllocationRule rule, boolean post) {
        jdbc.sql("""
                create temporary table allocation_staging (
                    src char(1) not null, psn_no varchar(30) not null, period char(7) not null, category varchar(16) not null,
                    band varchar(16) not null, amount numeric(14, 2) not null, contribution numeric(14, 2),
                    value_date date not null
                ) on commit drop""").update();
        Tally tally = stage(period, rule);
        tally.lines().forEach(line -> jdbc.sql("""
                        insert into allocation_summary (run_id, category, band, source, members, amount)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(runId, line.category(), line.band(), line.source(), line.members(), line.amount().amount()).update());
        Money contributions = tally.contributions;
        Money accountPart = tally.accountPart;
        Money retirees = tally.retirees;
        if (post) {
            LocalDate day = period.atEndOfMonth();
            if (contributions.isPositive()) {
                PostedEntry entry = ledger.post(JournalEntry.builder(IdempotencyKey.of("month-end", period, "contributions"),
                                day, period + " 医疗保险费征缴收入及个人账户划入")
                        .debit(BANK_INCOME, contributions)
                        .credit(POOLED_CONTRIBUTION_INCOME, contributions.minus(accountPart))
                        .credit(INDIVIDUAL_ACCOUNTS, accountPart)
                        .build());
                moveIn(entry, 'C', "contribution:");
            }
            if (retirees.isPositive()) {
                PostedEntry entry = ledger.post(JournalEntry.builder(IdempotencyKey.of("month-end", period, "retirees"), day,
                                period + " 统筹基金划入退休人员个人账户")
                        .debit(RETIREE_ALLOCATION_EXPENSE, retirees).credit(INDIVIDUAL_ACCOUNTS, retirees).build());
                moveIn(entry, 'R', "retiree:");
            }
            jdbc.sql("""
                            update contribution c set allocated_run = ?
                              from allocation_staging s
                             where s.src = 'C' and c.psn_no = s.psn_no and c.period = s.period""")
                    .param(runId).update();
        }
        List<SummaryLine> summary = summary(jdbc, runId);
        return new Result(summary, contributions, accountPart, retirees);
    }

    /**
     * The allocation's totals and its summary by category, age band and source, counted while the
     * candidates stream past (members once per line, though a member may have several months
     * allocated at once: the candidates come member by member).
     */
    private static final class Tally {

        private final Map<List<String>, long[]> members = new TreeMap<>(Comparator.comparing(List::toString));
        private final Map<List<String>, Money> amounts = new HashMap<>();
        private final Set<List<String>> seenForMember = new HashSet<>();
        private String member;
        private Money contributions = Money.ZERO;
        private Money accountPart = Money.ZERO;
        private Money retirees = Money.ZERO;

        void add(Candidate c, String category, String band, Money allocated) {
            if (c.source() == 'C') {
                contributions = contributions.plus(c.contribution());
                accountPart = accountPart.plus(allocated);
            } else {
                retirees = retirees.plus(allocated);
            }
            if (!allocated.isPositive()) {
                return;
            }
            if (!c.psnNo().equals(member)) {
                member = c.psnNo();
                seenForMember.clear();
            }
            List<String> line = List.of(category, band, c.source() == 'C' ? "contribution" : "retiree");
            members.computeIfAbsent(line, k -> new long[1])[0] += seenForMember.add(line) ? 1 : 0;
            amounts.merge(line, allocated, Money::plus);
        }

        List<SummaryLine> lines() {
            return members.entrySet().stream().map(e -> new SummaryLine(e.getKey().get(0), e.getKey().get(1),
                    e.getKey().get(2), e.getValue()[0], amounts.get(e.getKey()))).toList();
        }
    }

    /** Streams the candidates through the rule into the staging table; counts them as they pass. */
    private Tally stage(YearMonth period, AllocationRule rule) {
        LocalDate first = period.atDay(1);
        JdbcCursorItemReader<Candidate> cursor = new JdbcCursorItemReader<>(dataSource, CANDIDATES, Candidate::map);
        cursor.setName("allocationCandidates");
        cursor.setPreparedStatementSetter(ps -> {
            ps.setObject(1, period.atEndOfMonth());
            ps.setString(2, period.toString());
            ps.setObject(3, first);
            ps.setObject(4, first);
            ps.setObject(5, first);
            ps.setObject(6, first);
        });
        cursor.setFetchSize(5_000);
        // A cursor streams only outside autocommit; it reads on a connection of its own.
        cursor.setConnectionAutoCommit(false);
        cursor.setSaveState(false);
        PgCopy copy = PgCopy.streaming(dataSource, "allocation_staging", STAGING);
        StepProgress progress = new StepProgress("settlePeriod", "allocations");
        Tally tally = new Tally();
        cursor.open(new ExecutionContext());
        try {
            for (Candidate c = cursor.read(); c != null; c = cursor.read()) {
                Optional<Money> amount = c.holder() == null || c.closed() ? Optional.empty()
                        : c.source() == 'C' ? rule.forContribution(c.holder(), c.period(), c.base())
                        : rule.forRetiree(c.holder(), c.period());
                if (c.source() == 'R' && amount.isEmpty()) {
                    continue;
                }
                String band = c.closed() ? "closed"
                        : c.holder() == null ? "-" : rule.band(c.holder(), c.period()).orElse("-");
                String category = c.holder() == null ? "unknown" : c.holder().category().name().toLowerCase(java.util.Locale.ROOT);
                Money allocated = amount.orElse(Money.ZERO);
                copy.row().text(String.valueOf(c.source())).text(c.psnNo()).text(c.period().toString())
                        .text(category).text(band).money(allocated).money(c.contribution())
                        .date(c.valueDate()).end();
                tally.add(c, category, band, allocated);
                progress.row();
            }
            copy.flush();
            return tally;
        } catch (Exception e) {
            copy.cancel();
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getMessage(), e);
        } finally {
            cursor.close();
        }
    }

    /** The staged allocations of one source into the sub-ledger, carried by the entry. */
    private void moveIn(PostedEntry entry, char source, String prefix) {
        jdbc.sql("""
                        insert into account_movement (psn_no, kind, amount, value_date, source, entry_id, recorded_at)
                        select psn_no, 'allocation', amount, value_date, ? || psn_no || ':' || period, ?, ?
                          from allocation_staging where src = ? and amount > 0""")
                .params(prefix, entry.id().value(), Timestamp.from(clock.instant()), String.valueOf(source)).update();
    }
}
