package io.medsettle.cli;

import io.medsettle.app.MedsettleHome;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import picocli.CommandLine;

/**
 * The training run behind the launcher's class data sharing archive: the small commands, once
 * each, in one JVM, so that the archive the JVM writes at its exit ({@code
 * -XX:ArchiveClassesAtExit}) holds the classes they load, from the command line to the reports.
 *
 * <p>The launcher runs it on a home of its own under {@code jobs/target}, with an embedded database
 * of its own and no database options, so that it never touches the installation's data. Its
 * commands' exit codes do not matter (the member it asks for does not exist): what counts is which
 * classes were loaded. Not a command: an operator has nothing to do with it.
 */
public final class StartupTraining {

    private StartupTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path home = MedsettleHome.current().root();
        Files.createDirectories(home);
        Path budgets = home.resolve("budgets.csv");
        Files.writeString(budgets, "year,month,control_total\n2000,1,1000.00\n");
        run("load", "budgets", budgets.toString());
        run("account", "1");
        run("month-end", "--period", "2000-01");
        // Through System.exit, as a command ends: the archive is written at the JVM's exit.
        System.exit(0);
    }

    private static void run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine commandLine = MedsettleCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(out, true));
        int exit = commandLine.execute(args);
        System.out.println("training: medsettle " + String.join(" ", args) + " exited " + exit);
        System.out.print(out);
    }
}
