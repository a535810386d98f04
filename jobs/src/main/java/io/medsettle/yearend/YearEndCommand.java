package io.medsettle.yearend;

import io.medsettle.accountbook.AccountBook;
import io.medsettle.app.Application;
import io.medsettle.cli.ApplicationOptions;
import io.medsettle.cli.ConsoleTable;
import io.medsettle.cli.InputRejectedException;
import io.medsettle.ledger.Money;
import io.medsettle.runs.JobRuns;
import io.medsettle.settlement.YearEndLine;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "year-end",
        mixinStandardHelpOptions = true,
        header = "Close a year: interest, holdback release, over-budget compensation, next year's averages.",
        description = {
                "%nOnce every month of the year has an approved month-end (DOMAIN.md section 3): credits the interest "
                        + "of every individual account open on 31 December (section 4, the profile's method, value date "
                        + "31 December); releases each institution's quality deposit (the year's 10%% held back, every "
                        + "stream) by its assessment score, the forfeited part back to the fund it was held from; "
                        + "compensates the over-budget amounts left unpaid from the year's surplus under the control "
                        + "totals (pro rata, to the fen, when the surplus is short); and proposes next year's approved "
                        + "averages (mean of up to four years' actual averages, times 1 + growth).",
                "%nWithout --approve it is a preview: draft statements under out/<yyyy>/draft/, nothing posted. With "
                        + "--approve the run is posted to the ledger, the year is closed and the statements go to "
                        + "out/<yyyy>/: year-end-<yyyy>.xlsx for the finance department, one year-end-<code>-<yyyy>.xlsx "
                        + "per institution, year-end-<yyyy>.csv, accounts-<yyyy>.csv, payment-order-<yyyy>.csv and "
                        + "approved-averages.csv (next year's proposals, for `load approved-averages` once the "
                        + "accountants approve them; never applied by itself).",
                "%nRefused (exit 1, naming what is missing) while a month of the year has no approved month-end or an "
                        + "institution that held amounts back has no assessment score, and for a year closed before. "
                        + "An approval that was interrupted, even killed, completes when run again and credits or pays "
                        + "nothing twice.",
                ""})
public final class YearEndCommand implements Callable<Integer> {

    @Mixin
    ApplicationOptions options;

    @Spec
    CommandSpec spec;

    @Option(names = "--year", required = true, paramLabel = "yyyy", description = "The year to close.")
    int year;

    @Option(names = "--approve", description = "Post the run to the ledger and close the year.")
    boolean approve;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Application app = options.start()) {
            out.println("year-end " + year + (approve ? " (approve: post and close the year)" : " (preview: nothing posted)")
                    + " ...");
            YearEnd.Outcome outcome;
            try {
                outcome = app.bean(YearEnd.class).run(year, approve ? YearEnd.Mode.APPROVE : YearEnd.Mode.PREVIEW,
                        JobRuns.Trigger.MANUAL);
            } catch (YearEnd.Refused e) {
                throw new InputRejectedException(e);
            }
            print(outcome, out);
            AccountBook accounts = app.bean(AccountBook.class);
            out.printf("个人账户基金 (individual accounts fund): %s; %s%n", String.format("%,.2f", accounts.total().amount()),
                    accounts.agreesWithLedger() ? "agrees with the ledger's 2301 to the fen (与总账个人账户基金一致)"
                            : "DOES NOT AGREE WITH THE LEDGER'S 2301");
            out.println("statements: " + outcome.statements());
            return 0;
        }
    }

    /** The run's institutions and totals, as the operator sees them at the end. */
    public static void print(YearEnd.Outcome outcome, PrintWriter out) {
        ConsoleTable table = ConsoleTable.of("机构编码", "机构名称", "预留保证金>", "考核得分>", "返还比例>", "返还>", "扣减>",
                "超总额未结付>", "补偿>", "年终拨付>", "建议均值>");
        for (YearEndLine l : outcome.lines()) {
            if (YearEndStatements.settled(l)) {
                table.row(l.code(), l.name(), l.held().total(), l.score().map(s -> s.toPlainString()).orElse(""),
                        l.score().map(s -> l.release().rate().toPlainString()).orElse(""), l.release().released(),
                        l.release().forfeitedTotal(), l.unpaidOverBudget(), l.compensation(), l.payment(),
                        l.proposed().map(Money::toString).orElse(""));
            }
        }
        YearEndSummary s = outcome.summary();
        table.row("", "合计", s.heldBack(), "", "", s.released(), s.forfeited(), s.unpaidOverBudget(), s.compensation(),
                s.payment(), s.proposals() + " 家");
        table.print(out);
        out.printf("%s %d; surplus under the control totals %,.2f; interest (%s) %,.2f credited to %,d accounts%n",
                outcome.approved() ? "approved as run" : "draft run", outcome.runId(), s.surplus().amount(),
                s.method().name().toLowerCase(java.util.Locale.ROOT), s.interest().amount(), s.interestAccounts());
    }
}
