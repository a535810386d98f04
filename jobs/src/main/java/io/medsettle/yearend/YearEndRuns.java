package io.medsettle.yearend;

import static io.medsettle.ledger.ChartOfAccounts.INDIVIDUAL_ACCOUNTS;
import static io.medsettle.ledger.ChartOfAccounts.INHERITANCE_PAYABLE;
import static io.medsettle.ledger.ChartOfAccounts.INTEREST_EXPENSE;
import static io.medsettle.ledger.ChartOfAccounts.POOLED_FUND;
import static io.medsettle.ledger.ChartOfAccounts.TRANSFER_OUT_PAYABLE;

import io.medsettle.accountbook.AccountBook;
import io.medsettle.accounts.AccountsPolicy;
import io.medsettle.accounts.InterestMethod;
import io.medsettle.ledger.AccountCode;
import io.medsettle.ledger.IdempotencyKey;
import io.medsettle.ledger.JournalEntry;
import io.medsettle.ledger.Ledger;
import io.medsettle.ledger.Money;
import io.medsettle.runs.JobRuns;
import io.medsettle.settlement.AverageProposal;
import io.medsettle.settlement.HoldbackRelease;
import io.medsettle.settlement.OverBudgetCompensation;
import io.medsettle.settlement.YearEndLine;
import io.medsettle.settlement.YearEndPolicy;
import io.medsettle.settlement.YearEndPostings;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes a year's year-end, keeps it as a run, and on approval posts it and closes the year.
 *
 * <p>Approval is one transaction, like a month-end's: the run is computed from the approved month-ends
 * and the accounts as they are, stored as the approved run, the interest of every account is posted with
 * one entry and one movement per account, each institution's release, compensation and payment are
 * posted with their idempotency keys, and the approved run is the year's close. A process killed during
 * approval leaves nothing behind; run again, it does it all, once. Both a preview and an approval hold
 * the intakes' lock for their transaction, so no load changes an account under the interest.
 */
@Service
class YearEndRuns {

    /** How long a year-end waits for a running intake or load before it gives up. */
    static final Duration INTAKE_WAIT = Duration.ofHours(1);

    /** The year-end policy of the run: the profile's release schedule, growth and account rules. */
    record Policy(String profile, YearEndPolicy yearEnd, AccountsPolicy accounts) {
    }

    private final YearFigures figures;
    private final YearInterest interest;
    private final YearEndRecords records;
    private final AccountBook accounts;
    private final Ledger ledger;
    private final JobRuns jobRuns;
    private final JdbcClient jdbc;
    private final Clock clock;

    YearEndRuns(YearFigures figures, YearInterest interest, YearEndRecords records, AccountBook accounts, Ledger ledger,
                JobRuns jobRuns, JdbcClient jdbc, Clock clock) {
        this.figures = figures;
        this.interest = interest;
        this.records = records;
        this.accounts = accounts;
        this.ledger = ledger;
        this.jobRuns = jobRuns;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A draft: computed and stored, nothing posted. */
    @Transactional
    public long preview(int year, Policy policy) {
        jobRuns.holdForTransaction(JobRuns.INTAKE_LOCK, INTAKE_WAIT);
        requireReady(year, policy.accounts().interestMethod());
        return compute(year, policy, false);
    }

    /** Computes the year once more, posts it and closes it. Refused for a closed year. */
    @Transactional
    public long approve(int year, Policy policy) {
        jobRuns.holdForTransaction(JobRuns.INTAKE_LOCK, INTAKE_WAIT);
        records.approvedRun(year).ifPresent(run -> {
            throw new YearEnd.YearClosedException(year, run);
        });
        requireReady(year, policy.accounts().interestMethod());
        long runId = compute(year, policy, true);
        YearEndRecords.RunHeader run = records.header(runId);
        for (YearEndLine line : records.lines(runId)) {
            YearEndPostings.of(year, run.postingDate(), line).forEach(ledger::post);
        }
        postInterest(run, policy.accounts());
        // The members' accounts and the ledger's accounts fund agree at the year's close as at every
        // month's; were they not to, the close is refused rather than the books left apart.
        if (!accounts.agreesWithLedger()) {
            throw new IllegalStateException("the individual accounts (Σ " + accounts.total() + ") do not agree with the "
                    + "ledger's accounts fund 2301; the year-end of " + year + " is not approved");
        }
        // The year's previews served their draft statements; the approved run is the one that counts.
        jdbc.sql("delete from year_end_interest where run_id in (select run_id from year_end_run where year = ? and status = 'DRAFT')")
                .param(year).update();
        return runId;
    }

    /**
     * Refuses, naming everything missing at once, while a month of the year has no approved month-end
     * or an institution that held something back has no assessment score for the year, or the
     * accounts have money and a rate the interest needs is missing on 1 January.
     */
    void requireReady(int year, InterestMethod method) {
        List<YearMonth> open = figures.openMonths(year);
        Map<String, BigDecimal> scores = figures.scores(year);
        List<String> unscored = figures.institutions(year).stream()
                .filter(i -> !i.held().total().isZero() && !scores.containsKey(i.code()))
                .map(i -> i.code() + " " + i.name()).toList();
        List<String> missingRates = interest.missingRates(year, method);
        if (!open.isEmpty() || !unscored.isEmpty() || !missingRates.isEmpty()) {
            throw new YearEnd.NotReadyException(year, open, unscored, missingRates);
        }
    }

    private long compute(int year, Policy policy, boolean approved) {
        Money surplus = figures.surplus(year);
        Timestamp now = Timestamp.from(clock.instant());
        long runId = jdbc.sql("""
                        insert into year_end_run (year, status, profile, interest_method, growth, surplus, posting_date,
                                                  computed_at, approved_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning run_id""")
                .params(year, approved ? "APPROVED" : "DRAFT", policy.profile(), policy.accounts().interestMethod().name(),
                        policy.yearEnd().growth(), surplus.amount(), postingDate(year), now, approved ? now : null)
                .query(Long.class).single();
        Map<String, YearFigures.InstitutionYear> institutions = new LinkedHashMap<>();
        figures.institutions(year).forEach(i -> institutions.put(i.code(), i));
        Map<String, BigDecimal> scores = figures.scores(year);
        Map<String, List<AverageProposal.YearCost>> costs = figures.costs(year);
        Map<String, Money> unpaid = new LinkedHashMap<>();
        institutions.values().forEach(i -> unpaid.put(i.code(), i.unpaid()));
        Map<String, Money> compensation = OverBudgetCompensation.of(surplus, unpaid);
        AverageProposal proposal = policy.yearEnd().proposal();
        HoldbackRelease.Held nothing = new HoldbackRelease.Held(Money.ZERO, Money.ZERO, Money.ZERO);
        TreeSet<String> codes = new TreeSet<>(institutions.keySet());
        costs.forEach((code, years) -> {
            if (!AverageProposal.window(year, years).isEmpty()) {
                codes.add(code);
            }
        });
        for (String code : codes) {
            YearFigures.InstitutionYear figures = institutions.get(code);
            HoldbackRelease.Held held = figures == null ? nothing : figures.held();
            Optional<BigDecimal> score = Optional.ofNullable(scores.get(code));
            BigDecimal rate = score.map(policy.yearEnd().release()::rate).orElse(BigDecimal.ZERO);
            List<AverageProposal.YearCost> years = costs.getOrDefault(code, List.of());
            long discharges = years.stream().filter(c -> c.year() == year).mapToLong(AverageProposal.YearCost::discharges).sum();
            YearEndLine line = new YearEndLine(code,
                    figures != null ? figures.name() : this.figures.name(code).orElse(code), held, score,
                    HoldbackRelease.of(held, rate), figures == null ? Money.ZERO : figures.unpaid(),
                    compensation.getOrDefault(code, Money.ZERO), discharges, proposal.propose(year, years));
            records.store(runId, line, AverageProposal.window(year, years));
        }
        interest.compute(runId, year, policy.accounts().interestMethod());
        return runId;
    }

    /**
     * The date the year-end posts on: the first day of the first open month after the year (1 January
     * of the next year, unless that month was closed already). Every month of the year is closed by the
     * time the year-end runs, and a closed month takes no entry; the interest keeps its value date,
     * 31 December, in the members' accounts (docs/year-end.md).
     */
    LocalDate postingDate(int year) {
        YearMonth month = YearMonth.of(year + 1, 1);
        while (ledger.isClosed(month)) {
            month = month.plusMonths(1);
        }
        return month.atDay(1);
    }

    /**
     * The run's interest into the members' accounts, one entry for all of them (interest expense to
     * the accounts fund), and for accounts closed after 31 December the same interest paid out after
     * the balance they were closed with, one entry per payee account.
     */
    private void postInterest(YearEndRecords.RunHeader run, AccountsPolicy policy) {
        long runId = run.runId();
        int year = run.year();
        YearInterest.Totals totals = interest.totals(runId);
        if (!totals.interest().isPositive()) {
            return;
        }
        stage("""
                select psn_no, 'interest'::varchar as kind, interest as amount, make_date(%d, 12, 31) as value_date,
                       'year-end-interest:' || psn_no || ':' || %d as source, null::varchar as fixmedins_code,
                       null::char(7) as settlement_period
                  from year_end_interest where run_id = %d""".formatted(year, year, runId));
        accounts.postStaged(JournalEntry.builder(IdempotencyKey.of("year-end", year, "interest"), run.postingDate(),
                                year + " 个人账户年终计息 " + totals.accounts() + " 户 (" + run.method().name().toLowerCase(java.util.Locale.ROOT) + ")")
                        .debit(INTEREST_EXPENSE, totals.interest()).credit(INDIVIDUAL_ACCOUNTS, totals.interest()).build(),
                "year_end_staging");
        for (YearInterest.PaidOut out : interest.paidOut(runId)) {
            boolean transfer = "transfer_out".equals(out.event());
            AccountCode payee = transfer ? TRANSFER_OUT_PAYABLE
                    : !out.heir() && policy.heirlessToPooledFund() ? POOLED_FUND : INHERITANCE_PAYABLE;
            String heir = transfer ? "true" : out.heir() ? "counterparty is not null" : "counterparty is null";
            stage("""
                    select psn_no, 'paid_out'::varchar as kind, -interest as amount, closed_on as value_date,
                           'paid-out:' || psn_no || ':' || %d || '-interest' as source, null::varchar as fixmedins_code,
                           null::char(7) as settlement_period
                      from year_end_interest where run_id = %d and event = '%s' and %s""".formatted(year, runId,
                    out.event(), heir));
            accounts.postStaged(JournalEntry.builder(IdempotencyKey.of("year-end", year, "interest-paid-out", out.event(),
                                    out.heir() ? "heir" : "no-heir"), run.postingDate(),
                            year + " 年终计息转付已注销账户 " + out.accounts() + " 户 (" + out.event() + ")")
                    .debit(INDIVIDUAL_ACCOUNTS, out.amount()).credit(payee, out.amount()).build(), "year_end_staging");
        }
    }

    /** The movements about to be posted, in a table of the transaction (replacing the previous batch). */
    private void stage(String select) {
        jdbc.sql("drop table if exists year_end_staging").update();
        jdbc.sql("create temporary table year_end_staging on commit drop as " + select).update();
    }
}
