package io.medsettle.cli.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medsettle.cli.ApplicationOptions;
import io.medsettle.cli.MedsettleCommand;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.AnnotatedElement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Option;

/**
 * How serve reads a forwarded command's arguments: as the command on its own would, in the
 * client's directory and with the client's environment; and the request's bytes.
 */
class ForwardedCommandLineTest {

    private static final Path CLIENT = Path.of("/home/operator/city");

    private static ApplicationOptions.Starter nothing() {
        return settings -> {
            throw new AssertionError("nothing starts while arguments are read");
        };
    }

    private static CommandLine forwarded(Map<String, String> environment) {
        return ForwardedCommandLine.of(new CommandRequest("run-1", CLIENT.toString(), environment, List.of()), nothing(),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    }

    @Test
    void aRelativeFileIsTheClientsAndAnAbsoluteOneStaysAsItIs() {
        CommandLine.ParseResult relative = forwarded(Map.of()).parseArgs("load", "budgets", "in/budgets.csv");
        CommandLine.ParseResult absolute = forwarded(Map.of()).parseArgs("load", "budgets", "/data/budgets.csv");

        assertThat((Path) relative.subcommand().matchedPositional(1).getValue()).isEqualTo(CLIENT.resolve("in/budgets.csv"));
        assertThat((Path) absolute.subcommand().matchedPositional(1).getValue()).isEqualTo(Path.of("/data/budgets.csv"));
    }

    /** A new option naming a file must be a Path (resolved against the client's directory), never a File or a String. */
    @Test
    void everyForwardedCommandNamesItsFilesAsPaths() {
        for (String name : Admission.FORWARDED) {
            for (ArgSpec arg : MedsettleCommand.commandLine().getSubcommands().get(name).getCommandSpec().args()) {
                assertThat(arg.type()).as(name + " " + arg).isNotEqualTo(File.class);
                if (arg.type() == String.class) {
                    assertThat(arg.paramLabel()).as(name + " " + arg).doesNotContainIgnoringCase("file").doesNotContainIgnoringCase("dir");
                }
            }
        }
    }

    @Test
    void theDatabaseAndProfileDefaultsComeFromTheClientsEnvironment() {
        CommandLine.ParseResult given = forwarded(Map.of("MEDSETTLE_PROFILE", "langfang-2024",
                "MEDSETTLE_DB_PASSWORD", "pa${ss}")).parseArgs("account", "P1");
        CommandLine.ParseResult none = forwarded(Map.of()).parseArgs("account", "P1");

        assertThat(options(given).profile()).isEqualTo("langfang-2024");
        assertThat(options(given).settings().dbPassword()).isEqualTo("pa${ss}");
        assertThat(options(none).profile()).isNull();
        assertThat(options(none).settings().dbUrl()).isNull();
    }

    /** The variables of the options' defaults are the ones the client sends and serve compares as options. */
    @Test
    void theOptionsVariablesAreSentAndComparedAsOptions() {
        Pattern variable = Pattern.compile("\\$\\{env:([A-Za-z0-9_]+)}");
        Set<String> names = new TreeSet<>();
        for (String name : Admission.FORWARDED) {
            for (ArgSpec arg : MedsettleCommand.commandLine().getSubcommands().get(name).getCommandSpec().args()) {
                if (arg.userObject() instanceof AnnotatedElement element && element.getAnnotation(Option.class) != null) {
                    Matcher m = variable.matcher(element.getAnnotation(Option.class).defaultValue());
                    while (m.find()) {
                        names.add(m.group(1));
                    }
                }
            }
        }
        assertThat(names).containsExactlyInAnyOrderElementsOf(ForwardedEnvironment.OPTION_DEFAULTS);
        assertThat(names).allMatch(ForwardedEnvironment::relevant);
    }

    @Test
    void theLauncherForwardsTheCommandsServeRuns() throws Exception {
        String launcher = Files.readString(Path.of("../medsettle"));
        Matcher forwarded = Pattern.compile("\\n\\s*([a-z|-]+)\\) forward=true").matcher(launcher);

        assertThat(forwarded.find()).isTrue();
        assertThat(Set.of(forwarded.group(1).split("\\|"))).isEqualTo(Admission.FORWARDED);
        assertThat(launcher).contains("io.medsettle.cli.forward.CommandClient").contains("-eq " + CommandClient.FALLBACK);
    }

    @Test
    void aRequestIsReadAsItWasWrittenAndAnythingElseIsMalformed() throws Exception {
        CommandRequest request = new CommandRequest("run-1", "/tmp/x", Map.of("MEDSETTLE_PROFILE", "甲"), List.of("load", "a b", ""));
        byte[] bytes = request.encode();

        assertThat(CommandRequest.decode(bytes)).isEqualTo(request);
        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = java.util.Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> CommandRequest.decode(cut)).isInstanceOf(Frames.MalformedFrame.class);
        }
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> CommandRequest.decode(longer)).hasMessage("1 bytes after the request's end");
    }

    private static ApplicationOptions options(CommandLine.ParseResult parsed) {
        return parsed.subcommand().commandSpec().mixins().values().stream().map(spec -> spec.userObject())
                .filter(ApplicationOptions.class::isInstance).map(ApplicationOptions.class::cast).findFirst().orElseThrow();
    }
}
