package io.medsettle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;

class CommandLineTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs a command; {@link #out} and {@link #err} hold what this run printed. */
    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
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
    void aValueOfTheWrongFormIsOneSentenceThatSaysWhatWasExpectedAndExitsTwo() {
        assertThat(run("month-end", "--period", "2025-13")).isEqualTo(2);
        assertThat(firstLineOfErr()).isEqualTo("--period: '2025-13' is not a month in the form yyyy-MM");

        assertThat(run("load", "members", "members.csv", "--effective", "2025-02-30")).isEqualTo(2);
        assertThat(firstLineOfErr()).isEqualTo("--effective: '2025-02-30' is not a date in the form yyyy-MM-dd");

        assertThat(run("demo", "--months", "twelve")).isEqualTo(2);
        assertThat(firstLineOfErr()).isEqualTo("--months: 'twelve' is not a whole number");

        assertThat(run("generate", "bad\0dir")).isEqualTo(2);
        assertThat(firstLineOfErr()).startsWith("DIR: 'bad\0dir' is not a file path (");
    }

    /** Every option and parameter of every command that is not plain text, given a value it cannot take. */
    @Test
    void noCommandAnswersAWrongValueWithAJavaClassName() {
        for (CommandLine command : MedsettleCommand.commandLine().getSubcommands().values()) {
            String name = command.getCommandName();
            for (OptionSpec option : command.getCommandSpec().options()) {
                if (!plainText(option)) {
                    assertWrongUsage(option.longestName(), name, option.longestName(), badValue(option));
                }
            }
            List<String> args = new ArrayList<>(List.of(name));
            for (PositionalParamSpec parameter : command.getCommandSpec().positionalParameters()) {
                if (!plainText(parameter)) {
                    List<String> wrong = new ArrayList<>(args);
                    wrong.add(badValue(parameter));
                    assertWrongUsage(parameter.paramLabel(), wrong.toArray(String[]::new));
                }
                args.add("x");
            }
        }
    }

    private static boolean plainText(ArgSpec arg) {
        Class<?> type = arg.auxiliaryTypes()[0];
        return type == String.class || type == boolean.class || type == Boolean.class;
    }

    private static String badValue(ArgSpec arg) {
        return arg.auxiliaryTypes()[0] == java.nio.file.Path.class ? "no\0path" : "not-a-value";
    }

    private void assertWrongUsage(String argument, String... args) {
        assertThat(run(args)).as(String.join(" ", args)).isEqualTo(2);
        assertThat(firstLineOfErr()).as(String.join(" ", args)).startsWith(argument + ": '")
                .doesNotContainPattern("(java|javax|picocli|io\\.medsettle)\\.[a-z]+\\.").doesNotContain("Exception");
    }

    @Test
    void helpNamesNoJavaClass() {
        for (String command : MedsettleCommand.commandLine().getSubcommands().keySet()) {
            run(command, "--help");
            assertThat(out.toString()).as(command).doesNotContainPattern("(java|javax|picocli)\\.[a-z]+\\.")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void optionsThatNameAnInstitutionOrAMemberTakeOnlyIdentifiersOfTheirForm() {
        CommandLine withCodes = MedsettleCommand.configure(new CommandLine(new WithCodes()), null);
        withCodes.setErr(new PrintWriter(err, true));

        assertThat(withCodes.execute("--institution", "H32070000001", "--member", "P00000001")).isZero();
        assertThat(withCodes.execute("--institution", "H-1")).isEqualTo(2);
        assertThat(firstLineOfErr()).isEqualTo("--institution: 'H-1' is not an institution code (1 to 12 letters or digits)");
        err.getBuffer().setLength(0);
        assertThat(withCodes.execute("--member", "P".repeat(31))).isEqualTo(2);
        assertThat(firstLineOfErr()).isEqualTo("--member: '" + "P".repeat(31) + "' is not a member number (1 to 30 letters or digits)");
    }

    @Command(name = "with-codes")
    static final class WithCodes implements Callable<Integer> {
        @Option(names = "--institution", converter = IdentifierConverters.InstitutionCode.class)
        String institution;

        @Option(names = "--member", converter = IdentifierConverters.MemberNumber.class)
        String member;

        @Override
        public Integer call() {
            return 0;
        }
    }

    @Test
    void countsOutOfRangeAreWrongUsage() {
        assertThat(run("generate", "dir", "--months", "13")).isEqualTo(2);
        assertThat(firstLineOfErr()).contains("--months must be 1 to 12");
        assertThat(run("bench", "--rows", "0")).isEqualTo(2);
        assertThat(run("bench", "--case", "year-end", "--floor")).isEqualTo(2);
        assertThat(firstLineOfErr()).contains("--floor goes with the intake's bench only");
        assertThat(run("demo", "--members", "0")).isEqualTo(2);
    }

    @Test
    void anErrorWithoutAMessageIsStillASentence() {
        assertThat(OperatorErrorHandler.reason(new IllegalStateException())).isEqualTo("an unexpected error with no message");
    }

    private String firstLineOfErr() {
        return err.toString().lines().findFirst().orElse("");
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
