package io.medsettle.demo;

import io.medsettle.app.Application;
import io.medsettle.cli.ApplicationOptions;
import io.medsettle.cli.ConsoleTable;
import io.medsettle.ledger.TrialBalance;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "demo",
        mixinStandardHelpOptions = true,
        header = "Run medsettle end to end on demo data and print the results.",
        description = {
                "%nStarts the database (the embedded one under var/pg unless --db-url is given), applies the schema, "
                        + "posts a month of a small fund's events to the ledger (one mistake corrected by a reversal) and "
                        + "prints the trial balance. Running it again posts nothing new: every entry has a fixed key.",
                ""})
public final class DemoCommand implements Callable<Integer> {

    @Mixin
    ApplicationOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.println("medsettle demo: starting the database ...");
        try (Application app = options.start()) {
            out.println("database: " + app.database().describe());
            LedgerTour.Result result = app.bean(LedgerTour.class).run();
            out.println();
            out.println("Journal (" + result.entries().size() + " entries):");
            ConsoleTable entries = ConsoleTable.of("编号>", "日期", "摘要", "冲销>");
            result.entries().forEach(e -> entries.row(e.id(), e.entry().date(), e.entry().description(),
                    e.entry().reverses().map(Object::toString).orElse("")));
            entries.print(out);
            out.println();
            TrialBalance trial = result.trialBalance();
            out.println("Trial balance as of " + trial.asOf() + " (试算平衡表):");
            ConsoleTable table = ConsoleTable.of("科目代码", "科目名称", "借方发生额>", "贷方发生额>", "余额>");
            trial.lines().forEach(line -> table.row(line.account().code(), line.account().name(),
                    line.debits(), line.credits(), line.balance()));
            table.row("", "合计", trial.totalDebits(), trial.totalCredits(),
                    trial.totalDebits().minus(trial.totalCredits()));
            table.print(out);
            out.println();
            out.println(trial.isBalanced() ? "The trial balance balances (借贷平衡)." : "THE TRIAL BALANCE DOES NOT BALANCE.");
            return trial.isBalanced() ? 0 : 1;
        }
    }
}
