package io.medsettle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class CommandLineTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = MedsettleCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void helpExplainsTheCommandsAndExitsZero() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("demo").contains("Exit codes").contains("MEDSETTLE_DB_URL");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : MedsettleCommand.commandLine().getSubcommands().keySet()) {
            if (!command.equals("help")) {
                assertThat(run(command, "--help")).as(command).isZero();
            }
        }
    }

    @Test
    void wrongUsageExitsTwoAndSaysWhy() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("a command is required");

        assertThat(run("no-such-command")).isEqualTo(2);
        assertThat(run("demo", "--no-such-option")).isEqualTo(2);
        assertThat(err.toString()).contains("--no-such-option");
    }

    @Test
    void anUnreachableDatabaseIsOneClearSentenceAndExitOne() {
        assertThat(run("demo", "--db-url", "jdbc:postgresql://127.0.0.1:1/nothing")).isEqualTo(1);
        assertThat(err.toString())
                .contains("cannot connect to the database (PostgreSQL at jdbc:postgresql://127.0.0.1:1/nothing)")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
    }

    @Test
    void consoleTableCountsChineseCharactersAsTwoColumns() {
        StringWriter table = new StringWriter();
        ConsoleTable.of("科目", "金额>").row("银行存款", "1.00").row("X", "100.00").print(new PrintWriter(table, true));

        assertThat(table.toString().lines()).containsExactly(
                "科目        金额",
                "--------  ------",
                "银行存款    1.00",
                "X         100.00");
    }
}
