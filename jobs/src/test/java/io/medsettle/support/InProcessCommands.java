package io.medsettle.support;

import io.medsettle.cli.MedsettleCommand;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import picocli.CommandLine;

/**
 * medsettle commands run in the test's own JVM, as the launcher would run them, with a home of the
 * test's: its output is collected, its exit code returned.
 */
public final class InProcessCommands {

    /** What a test does while the commands run with its home. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    private InProcessCommands() {
    }

    /** Runs the body with {@code medsettle.home} set to the home, and puts the previous value back. */
    public static void withHome(Path home, Body body) throws Exception {
        String previous = System.getProperty("medsettle.home");
        System.setProperty("medsettle.home", home.toString());
        try {
            body.run();
        } finally {
            if (previous == null) {
                System.clearProperty("medsettle.home");
            } else {
                System.setProperty("medsettle.home", previous);
            }
        }
    }

    /** The command's exit code; what it printed, to standard output or error, goes to {@code out}. */
    public static int execute(StringWriter out, String... args) {
        CommandLine commandLine = MedsettleCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(out, true));
        return commandLine.execute(args);
    }
}
