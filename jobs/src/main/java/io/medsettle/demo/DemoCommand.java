package io.medsettle.demo;

import io.medsettle.app.Application;
import io.medsettle.app.MedsettleProperties;
import io.medsettle.cli.ApplicationOptions;
import io.medsettle.cli.ConsoleTable;
import io.medsettle.ledger.AccountCode;
import io.medsettle.ledger.Ledger;
import io.medsettle.yearend.YearEndCommand;
import io.medsettle.ledger.Money;
import io.medsettle.ledger.TrialBalance;
import io.medsettle.settlement.SettlementLine;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo",
        mixinStandardHelpOptions = true,
        header = "Run a year of a demo city end to end: intake, month-end, statements, ledger.",
        description = {
                "%nStarts the database (the embedded one under var/pg unless --db-url is given) and generates a demo "
                        + "city under the lianyungang-2000 profile (unless --profile says otherwise): about 20 institutions "
                        + "of every level, 20,000 members, a year of monthly discharge files with a few bad rows (one "
                        + "hospital sends GBK), and a budget that the dues exceed in July. Each month's files are taken in "
                        + "and the month is settled and approved. Prints a summary and the trial balance; every statement "
                        + "is under out/<yyyy-MM>/, the intake reports under out/intake/.",
                "%nRunning it again loads nothing and posts nothing twice.",
                ""})
public final class DemoCommand implements Callable<Integer> {

    static final String DEMO_PROFILE = "lianyungang-2000";

    @Mixin
    ApplicationOptions options;

    @Spec
    CommandSpec spec;

    @Option(names = "--members", defaultValue = "20000", description = "Members of the demo city (default: ${DEFAULT-VALUE}).")
    int members;

    @Option(names = "--institutions", defaultValue = "20", description = "Institutions (default: ${DEFAULT-VALUE}).")
    int institutions;

    @Option(names = "--months", defaultValue = "12", description = "Months of 2025 to run (default: ${DEFAULT-VALUE}).")
    int months;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (months < 1 || months > 12 || members < 1 || institutions < 3) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--months must be 1 to 12, --members at least 1, --institutions at least 3");
        }
        out.println("medsettle demo: starting the database ...");
        try (Application app = options.start(DEMO_PROFILE)) {
            out.println("database: " + app.database().describe());
            DemoYear.Result result = app.bean(DemoYear.class).run(new DemoYear.Size(institutions, members, months), out);
            out.println();
            summary(result).print(out);
            out.println();
            result.yearEnd().ifPresent(yearEnd -> {
                out.println(DemoYear.YEAR + " 年终清算 (year-end):");
                YearEndCommand.print(yearEnd, out);
                out.println();
            });
            out.printf("个人账户基金 (individual accounts fund): %s in %,d members' accounts; %s%n",
                    String.format("%,.2f", result.accountsTotal().amount()), result.accounts(),
                    result.accountsAgree() ? "agrees with the ledger's 2301 to the fen (与总账个人账户基金一致)"
                            : "DOES NOT AGREE WITH THE LEDGER'S 2301");
            TrialBalance trial = result.trialBalance();
            out.println("Trial balance of every entry, by account (试算平衡表):");
            trialBalance(trial, app.bean(Ledger.class)).print(out);
            out.println(trial.isBalanced() ? "The trial balance balances (借贷平衡)." : "THE TRIAL BALANCE DOES NOT BALANCE.");
            out.println();
            out.println("statements: " + app.bean(MedsettleProperties.class).out().toAbsolutePath().normalize()
                    + "/<yyyy-MM>/ (fund summary, one workbook per institution, settlement and payment order CSV) and /"
                    + DemoYear.YEAR + "/ (the year-end workbook, one per institution, year-end, accounts and payment "
                    + "order CSV, next year's proposed averages)");
            out.println();
            app.bean(DemoUsers.class).create(out);
            return trial.isBalanced() && result.accountsAgree()
                    && result.months().stream().allMatch(DemoYear.Month::balanced) ? 0 : 1;
        }
    }

    private static ConsoleTable summary(DemoYear.Result result) {
        ConsoleTable table = ConsoleTable.of("期间", "文件>", "入库行>", "拒收行>", "出院人次>", "统筹应结>", "总额控制>",
                "分配额>", "超总额未结付>", "本月拨付>", "预留>");
        for (DemoYear.Month m : result.months()) {
            table.row(m.period(), m.files(), m.rowsLoaded(), m.rowsRejected(),
                    m.settlement().lines().stream().mapToLong(l -> l.figures().discharges()).sum(),
                    m.settlement().total(SettlementLine::due),
                    m.settlement().controlTotal().<Object>map(c -> c).orElse("-"),
                    m.settlement().total(SettlementLine::allocated), m.settlement().total(SettlementLine::unpaidOverBudget),
                    m.settlement().total(SettlementLine::paidNow), m.settlement().total(SettlementLine::heldBack));
        }
        var months = result.months();
        table.row("合计", months.stream().mapToInt(DemoYear.Month::files).sum(),
                months.stream().mapToLong(DemoYear.Month::rowsLoaded).sum(),
                months.stream().mapToLong(DemoYear.Month::rowsRejected).sum(),
                months.stream().flatMap(m -> m.settlement().lines().stream()).mapToLong(l -> l.figures().discharges()).sum(),
                DemoYear.total(months, SettlementLine::due), "",
                DemoYear.total(months, SettlementLine::allocated), DemoYear.total(months, SettlementLine::unpaidOverBudget),
                DemoYear.total(months, SettlementLine::paidNow), DemoYear.total(months, SettlementLine::heldBack));
        return table;
    }

    /** The trial balance summed to the accounts of the chart (sub-accounts per institution folded in). */
    private static ConsoleTable trialBalance(TrialBalance trial, Ledger ledger) {
        Map<String, Money[]> byAccount = new TreeMap<>();
        for (TrialBalance.Line line : trial.lines()) {
            String top = line.account().code().value().split("\\.")[0];
            Money[] sums = byAccount.computeIfAbsent(top, k -> new Money[] {Money.ZERO, Money.ZERO});
            sums[0] = sums[0].plus(line.debits());
            sums[1] = sums[1].plus(line.credits());
        }
        ConsoleTable table = ConsoleTable.of("科目代码", "科目名称", "借方发生额>", "贷方发生额>", "余额>");
        byAccount.forEach((code, sums) -> table.row(code,
                ledger.account(AccountCode.of(code)).map(a -> a.name()).orElse(""), sums[0], sums[1], sums[0].minus(sums[1])));
        table.row("", "合计", trial.totalDebits(), trial.totalCredits(), trial.totalDebits().minus(trial.totalCredits()));
        return table;
    }
}
