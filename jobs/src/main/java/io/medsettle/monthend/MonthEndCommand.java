package io.medsettle.monthend;

import io.medsettle.accountbook.AccountBook;
import io.medsettle.app.Application;
import io.medsettle.cli.ApplicationOptions;
import io.medsettle.cli.ConsoleTable;
import io.medsettle.cli.InputRejectedException;
import io.medsettle.ledger.Money;
import io.medsettle.runs.JobRuns;
import io.medsettle.settlement.SettlementLine;

import java.io.PrintWriter;
import java.time.YearMonth;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "month-end",
        mixinStandardHelpOptions = true,
        header = "Settle a month with every institution: preview, or approve, post and close.",
        description = {
                "%nComputes each institution's settlement for the period (DOMAIN.md section 2): discharges at the "
                        + "approved average less the members' self-pay (or the fund share at actual, per the profile), "
                        + "total budget control with a pro-rata allocation exact to the fen, the 90/10 holdback per fund "
                        + "stream. Beside the month's own figures, what changed in closed months since they were settled "
                        + "(late files, revisions after re-adjudication, cancellations) is settled as adjustment lines, "
                        + "and an institution that owes (a clawback larger than its month) has it netted from its payment.",
                "%nWithout --approve it is a preview: draft statements under out/<yyyy-MM>/draft/, nothing posted. "
                        + "With --approve the run is posted to the ledger, the period is closed and the statements go to "
                        + "out/<yyyy-MM>/: one workbook per institution, the fund summary workbook, settlement-<yyyy-MM>.csv "
                        + "and payment-order-<yyyy-MM>.csv. Approving a closed period is refused (exit 1), and so is "
                        + "approving while a discharge file of the month is unfinished; an approval waits for a running "
                        + "intake; an approval that was interrupted, even killed, completes when run again and posts "
                        + "nothing twice.",
                ""})
public final class MonthEndCommand implements Callable<Integer> {

    @Mixin
    ApplicationOptions options;

    @Spec
    CommandSpec spec;

    @Option(names = "--period", required = true, paramLabel = "yyyy-MM", description = "The month to settle.")
    YearMonth period;

    @Option(names = "--approve", description = "Post the run to the ledger and close the period.")
    boolean approve;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Application app = options.start()) {
            out.println("month-end " + period + (approve ? " (approve: post and close)" : " (preview: nothing posted)") + " ...");
            MonthEnd.Outcome outcome;
            try {
                outcome = app.bean(MonthEnd.class).run(period, approve ? MonthEnd.Mode.APPROVE : MonthEnd.Mode.PREVIEW,
                        JobRuns.Trigger.MANUAL);
            } catch (MonthEnd.Refused e) {
                throw new InputRejectedException(e);
            }
            summary(outcome).print(out);
            out.println((outcome.approved() ? "approved as run " : "draft run ") + outcome.runId()
                    + "; control total " + outcome.controlTotal().map(Money::toString).orElse("none this month"));
            // The members' accounts and the ledger's fund, as every close checks them (the approval refuses otherwise).
            AccountBook accounts = app.bean(AccountBook.class);
            out.printf("个人账户基金 (individual accounts fund): %s; %s%n", String.format("%,.2f", accounts.total().amount()),
                    accounts.agreesWithLedger() ? "agrees with the ledger's 2301 to the fen (与总账个人账户基金一致)"
                            : "DOES NOT AGREE WITH THE LEDGER'S 2301");
            out.println("statements: " + outcome.statements());
            return 0;
        }
    }

    /** What the adjustment lines of earlier periods settle, all streams together. */
    private static Money adjustments(SettlementLine l) {
        return l.adjustments().paidNow().plus(l.adjustments().heldBack());
    }

    /** The run's lines and totals, as the operator sees them at the end. */
    public static ConsoleTable summary(MonthEnd.Outcome outcome) {
        ConsoleTable table = ConsoleTable.of("机构编码", "机构名称", "出院人次>", "统筹应结>", "分配额>", "超总额未结付>",
                "本月拨付>", "预留>", "以前期间调整>", "实付>", "结转欠款>");
        for (SettlementLine l : outcome.lines()) {
            table.row(l.code(), l.figures().name(), l.figures().discharges(), l.due(), l.allocated(),
                    l.unpaidOverBudget(), l.paidNow(), l.heldBack(), adjustments(l), l.payment().paid(),
                    l.payment().owedCarriedForward());
        }
        table.row("", "合计", outcome.lines().stream().mapToLong(l -> l.figures().discharges()).sum(),
                outcome.total(SettlementLine::due), outcome.total(SettlementLine::allocated),
                outcome.total(SettlementLine::unpaidOverBudget), outcome.total(SettlementLine::paidNow),
                outcome.total(SettlementLine::heldBack), outcome.total(MonthEndCommand::adjustments),
                outcome.total(l -> l.payment().paid()), outcome.total(l -> l.payment().owedCarriedForward()));
        return table;
    }
}
