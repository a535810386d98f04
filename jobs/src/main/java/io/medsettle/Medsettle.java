package io.medsettle;

import io.medsettle.cli.MedsettleCommand;

/** The {@code ./medsettle} command line: parses the command, runs it, exits 0, 1 or 2. */
public final class Medsettle {

    private Medsettle() {
    }

    public static void main(String[] args) {
        System.exit(MedsettleCommand.commandLine().execute(args));
    }
}
