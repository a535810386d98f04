package io.medsettle.demo;

import io.medsettle.accountbook.AccountBook;
import io.medsettle.accountbook.AccountFileKind;
import io.medsettle.accountbook.AccountFiles;
import io.medsettle.accountbook.LoadResult;
import io.medsettle.app.MedsettleProperties;
import io.medsettle.intake.DischargeIntake;
import io.medsettle.ledger.Ledger;
import io.medsettle.ledger.Money;
import io.medsettle.ledger.TrialBalance;
import io.medsettle.monthend.MonthEnd;
import io.medsettle.yearend.YearEnd;
import io.medsettle.reference.ReferenceFileLoader;
import io.medsettle.reference.ReferenceKind;
import io.medsettle.runs.JobRuns;
import io.medsettle.settlement.SettlementLine;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * A year of a demo city, end to end: its reference data loaded, every hospital's monthly file
 * taken in (a few bad rows in each month, one hospital sending GBK), and each month settled and
 * approved, with the statements under {@code out/}. Run again, it loads nothing twice and posts
 * nothing twice: the files are the same (same seed), and approved months are reported as they were.
 */
@Component
class DemoYear {

    /** One month of the demo, for the summary table. */
    record Month(YearMonth period, int files, long rowsLoaded, long rowsRejected, MonthEnd.Outcome settlement,
                 boolean alreadyApproved, boolean balanced) {
    }

    /**
     * @param accountsTotal   what the members' individual accounts hold together at the end
     * @param accountsAgree   whether that is the ledger's accounts fund 2301, to the fen
     */
    record Result(List<Month> months, Optional<YearEnd.Outcome> yearEnd, TrialBalance trialBalance, Path inputs,
                  Money accountsTotal, long accounts, boolean accountsAgree) {
    }

    /** The demo's size. */
    record Size(int institutions, int members, int months) {
    }

    static final int YEAR = 2025;
    /** The month whose budget the institutions' dues exceed, so that the pro-rata allocation shows. */
    static final int TIGHT_MONTH = 7;

    private final ReferenceFileLoader referenceData;
    private final AccountFiles accountFiles;
    private final AccountBook accountBook;
    private final DischargeIntake intake;
    private final MonthEnd monthEnd;
    private final YearEnd yearEnd;
    private final Ledger ledger;
    private final MedsettleProperties properties;

    DemoYear(ReferenceFileLoader referenceData, AccountFiles accountFiles, AccountBook accountBook, DischargeIntake intake,
             MonthEnd monthEnd, YearEnd yearEnd, Ledger ledger, MedsettleProperties properties) {
        this.referenceData = referenceData;
        this.accountFiles = accountFiles;
        this.accountBook = accountBook;
        this.intake = intake;
        this.monthEnd = monthEnd;
        this.yearEnd = yearEnd;
        this.ledger = ledger;
        this.properties = properties;
    }

    Result run(Size size, PrintWriter out) {
        DemoCity city = new DemoCity(new DemoCity.Settings(20260101L, size.institutions(), size.members(), YEAR, 0.18, 0.002));
        Path inputs = properties.var().resolve("demo").resolve(Integer.toString(YEAR));
        out.printf("demo city: %d institutions, %,d members, %d months of %d (profile %s); input files in %s%n",
                size.institutions(), size.members(), size.months(), YEAR, properties.profile(), inputs);
        city.writeInstitutions(inputs.resolve("institutions.csv"));
        city.writeMembers(inputs.resolve("members.csv"));
        city.writeApprovedAverages(inputs.resolve("approved-averages.csv"));
        city.writeBudgets(inputs.resolve("budgets.csv"), monthlyControlTotal(size), TIGHT_MONTH);
        LocalDate effective = LocalDate.of(YEAR, 1, 1);
        referenceData.load(ReferenceKind.INSTITUTIONS, inputs.resolve("institutions.csv"), effective);
        referenceData.load(ReferenceKind.MEMBERS, inputs.resolve("members.csv"), effective);
        referenceData.load(ReferenceKind.APPROVED_AVERAGES, inputs.resolve("approved-averages.csv"), effective);
        referenceData.load(ReferenceKind.BUDGETS, inputs.resolve("budgets.csv"), effective);
        // The individual accounts: a pharmacy, the interest rates, the balances taken over.
        DemoAccounts accounts = new DemoAccounts(city, 20260101L, YEAR);
        accounts.writePharmacy(inputs.resolve("pharmacies.csv"));
        accounts.writeInterestRates(inputs.resolve("interest-rates.csv"));
        accounts.writeOpenings(inputs.resolve("account-openings.csv"));
        referenceData.load(ReferenceKind.INSTITUTIONS, inputs.resolve("pharmacies.csv"), effective);
        referenceData.load(ReferenceKind.INTEREST_RATES, inputs.resolve("interest-rates.csv"), effective);
        accountFiles.load(AccountFileKind.ACCOUNT_OPENINGS, inputs.resolve("account-openings.csv"));

        List<Month> months = new ArrayList<>();
        for (int m = 1; m <= size.months(); m++) {
            YearMonth period = YearMonth.of(YEAR, m);
            out.printf("%s  accounts ", period);
            Path contributions = inputs.resolve("contributions").resolve(period + ".csv");
            accounts.writeContributions(contributions, period);
            accountFiles.load(AccountFileKind.CONTRIBUTIONS, contributions);
            Path payments = inputs.resolve("account-payments").resolve(period + ".csv");
            accounts.writePharmacyPayments(payments, period);
            LoadResult paid = accountFiles.load(AccountFileKind.ACCOUNT_PAYMENTS, payments);
            if (DemoAccounts.hasEvents(period)) {
                Path events = inputs.resolve("account-events").resolve(period + ".csv");
                accounts.writeEvents(events, period);
                accountFiles.load(AccountFileKind.ACCOUNT_EVENTS, events);
            }
            out.printf("%d pharmacy payments;  intake ", paid.loaded() + paid.unchanged());
            out.flush();
            int files = 0;
            long loaded = 0;
            long rejected = 0;
            for (DemoCity.Institution institution : city.institutions()) {
                Charset charset = institution == city.institutions().get(1) ? Charset.forName("GBK") : StandardCharsets.UTF_8;
                Path file = inputs.resolve("discharges").resolve(institution.code()).resolve(period + ".csv");
                city.writeDischarges(file, institution, period, charset);
                DischargeIntake.Outcome outcome = intake.intake(file, institution.code(), period,
                        intake.reportDirectory(institution.code(), period), JobRuns.Trigger.MANUAL);
                files++;
                loaded += outcome.rowsLoaded();
                rejected += outcome.rowsRejected();
                out.print('.');
                out.flush();
            }
            out.printf(" %d files, %,d rows loaded, %d rejected;  month-end ", files, loaded, rejected);
            out.flush();
            Month month = settle(period, files, loaded, rejected);
            out.printf("run %d, paid now %,.2f%s; ledger %s%n", month.settlement().runId(),
                    month.settlement().total(SettlementLine::paidNow).amount(),
                    month.alreadyApproved() ? " (approved before)" : "",
                    month.balanced() ? "借贷平衡" : "DOES NOT BALANCE");
            months.add(month);
        }
        Optional<YearEnd.Outcome> closed = Optional.empty();
        if (size.months() == 12) {
            // The accountants' assessment of the year, then the year's close.
            city.writeAssessmentScores(inputs.resolve("assessment-scores.csv"), List.of(DemoAccounts.PHARMACY));
            referenceData.load(ReferenceKind.ASSESSMENT_SCORES, inputs.resolve("assessment-scores.csv"), effective);
            out.printf("%d  year-end ", YEAR);
            out.flush();
            YearEnd.Outcome outcome;
            try {
                outcome = yearEnd.run(YEAR, YearEnd.Mode.APPROVE, JobRuns.Trigger.MANUAL);
            } catch (YearEnd.YearClosedException e) {
                outcome = yearEnd.approved(YEAR).orElseThrow(() -> e);
            }
            out.printf("run %d, interest %,.2f to %,d accounts, released %,.2f, compensated %,.2f%n", outcome.runId(),
                    outcome.summary().interest().amount(), outcome.summary().interestAccounts(),
                    outcome.summary().released().amount(), outcome.summary().compensation().amount());
            closed = Optional.of(outcome);
        }
        // Entries of loads are dated the day they are made (today), later than the demo's months: the
        // trial balance takes every entry.
        return new Result(months, closed, ledger.trialBalance(LocalDate.of(9999, 12, 31)), inputs, accountBook.total(),
                city.members().size(), accountBook.agreesWithLedger());
    }

    /** Approves the month (or finds it approved before) and checks the trial balance after it. */
    private Month settle(YearMonth period, int files, long loaded, long rejected) {
        MonthEnd.Outcome outcome;
        boolean before = false;
        try {
            outcome = monthEnd.run(period, MonthEnd.Mode.APPROVE, JobRuns.Trigger.MANUAL);
        } catch (MonthEnd.PeriodClosedException e) {
            outcome = monthEnd.approved(period).orElseThrow(() -> e);
            before = true;
        }
        boolean balanced = ledger.trialBalance(period.atEndOfMonth()).isBalanced();
        return new Month(period, files, loaded, rejected, outcome, before, balanced);
    }

    /**
     * A monthly budget above what the city's institutions are usually due, so that only the tight
     * month (half of it) is exceeded. The demo city's dues come to about 250 yuan a member a month
     * (20 institutions, 20,000 members: about 5 million), so the budget is 300 a member.
     */
    static long monthlyControlTotal(Size size) {
        return Math.max(10_000, Math.round(size.members() * 300.0 * size.institutions() / 20.0 / 10_000.0) * 10_000);
    }

    static Money total(List<Month> months, java.util.function.Function<SettlementLine, Money> column) {
        return Money.sum(months.stream().map(m -> m.settlement().total(column)).toList());
    }
}
