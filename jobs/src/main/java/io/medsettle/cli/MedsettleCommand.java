package io.medsettle.cli;

import io.medsettle.accountbook.AccountCommand;
import io.medsettle.adjudicate.AdjudicateCommand;
import io.medsettle.bench.BenchCommand;
import io.medsettle.demo.DemoCommand;
import io.medsettle.demo.GenerateCommand;
import io.medsettle.intake.IntakeCommand;
import io.medsettle.monthend.MonthEndCommand;
import io.medsettle.yearend.YearEndCommand;
import io.medsettle.schedule.ServeCommand;
import io.medsettle.users.AuditCommand;
import io.medsettle.users.TokenCommand;
import io.medsettle.users.UserCommand;
import io.medsettle.reference.LoadCommand;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "medsettle",
        mixinStandardHelpOptions = true,
        version = "medsettle 0.1.0",
        header = "Settlement and accounting for a city's employee medical insurance fund (职工基本医疗保险结算).",
        description = {
                "%nHospitals' discharge files are validated, recomputed under the city's policy profile and loaded "
                        + "once; month-end and year-end runs settle with every institution; every figure is posted to a "
                        + "double-entry, append-only ledger, from which the Excel and CSV statements are written under out/.",
                "%nThe database is an embedded PostgreSQL under var/pg unless --db-url (or MEDSETTLE_DB_URL) names a server.",
                "%nWhile 'medsettle serve' runs on this home, it runs load, account, month-end and year-end itself, on its "
                        + "running application, and they answer at once; MEDSETTLE_NO_FORWARD=1 starts them on their own.",
                ""},
        footer = {"", "Exit codes: 0 done, 1 input rejected or run failed (the report's path is printed), 2 wrong usage.",
                "Run 'medsettle COMMAND --help' for a command's options."},
        subcommands = {DemoCommand.class, AdjudicateCommand.class, LoadCommand.class, IntakeCommand.class, MonthEndCommand.class, YearEndCommand.class, AccountCommand.class, UserCommand.class, TokenCommand.class, AuditCommand.class, ServeCommand.class, GenerateCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class MedsettleCommand implements Runnable {

    @Spec
    CommandSpec spec;

    /** With no command there is nothing to do: show what there is, as a usage error. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static CommandLine commandLine() {
        return configure(new CommandLine(new MedsettleCommand()), null);
    }

    /**
     * The command line of a command that {@code serve} runs for the launcher (io.medsettle.cli.forward):
     * the same commands, handlers and converters, its objects made by {@code factory}, and a relative
     * path resolved against the directory the operator ran the launcher in, which is not serve's.
     */
    public static CommandLine commandLine(CommandLine.IFactory factory, Path workingDirectory) {
        return configure(new CommandLine(new MedsettleCommand(), factory), workingDirectory);
    }

    /**
     * What every medsettle command line has: UTF-8 output, the error handlers and the option
     * converters; relative paths resolved against {@code workingDirectory}, or left relative (to the
     * process's own) when it is null.
     */
    static CommandLine configure(CommandLine commandLine, Path workingDirectory) {
        commandLine.setOut(new PrintWriter(System.out, true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(System.err, true, StandardCharsets.UTF_8));
        commandLine.setExecutionExceptionHandler(new OperatorErrorHandler());
        commandLine.setParameterExceptionHandler(new UsageErrorHandler(commandLine.getParameterExceptionHandler()));
        OptionConverters.register(commandLine, workingDirectory);
        commandLine.setUsageHelpWidth(100);
        commandLine.setUsageHelpAutoWidth(true);
        return commandLine;
    }
}
