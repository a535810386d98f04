package io.medsettle.cli.forward;

import io.medsettle.cli.ApplicationOptions;
import io.medsettle.cli.MedsettleCommand;

import java.io.PrintWriter;
import java.lang.reflect.AnnotatedElement;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The command line of a forwarded command: {@code medsettle}'s own (the same commands, handlers,
 * converters and help width), with the differences that make it read the arguments as the
 * command on its own would have. Its output goes to the client. A relative path is resolved
 * against the client's working directory. An option's {@code ${env:NAME}} default comes from the
 * client's environment, not serve's. And its database options start nothing: the {@link
 * ApplicationOptions} made for it give the command serve's running application.
 */
final class ForwardedCommandLine {

    private ForwardedCommandLine() {
    }

    static CommandLine of(CommandRequest request, ApplicationOptions.Starter starter, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = MedsettleCommand.commandLine(new Factory(starter), Path.of(request.workingDirectory()));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setDefaultValueProvider(new ClientEnvironment(request.environment()));
        return commandLine;
    }

    /** Makes the commands as picocli does, and their database options with serve's starter. */
    private record Factory(ApplicationOptions.Starter starter) implements CommandLine.IFactory {

        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == ApplicationOptions.class) {
                return type.cast(new ApplicationOptions(starter));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }

    /**
     * Defaults of the form {@code ${env:NAME}} from the client's environment: what a command of its
     * own would read. Picocli would read serve's.
     */
    private record ClientEnvironment(Map<String, String> environment) implements CommandLine.IDefaultValueProvider {

        private static final Pattern VARIABLE = Pattern.compile("\\$\\{env:([A-Za-z0-9_]+)}");

        @Override
        public String defaultValue(ArgSpec arg) {
            String declared = declaredDefault(arg);
            Matcher variable = declared == null ? null : VARIABLE.matcher(declared);
            if (variable == null || !variable.matches()) {
                return null; // Picocli's own default.
            }
            String value = environment.get(variable.group(1));
            // Picocli interpolates what a provider returns: "${" in a password stays as it is written.
            return value == null ? Option.NULL_VALUE : value.replace("${", "$${");
        }

        private static String declaredDefault(ArgSpec arg) {
            if (arg.userObject() instanceof AnnotatedElement element) {
                Option option = element.getAnnotation(Option.class);
                if (option != null) {
                    return option.defaultValue();
                }
                Parameters parameters = element.getAnnotation(Parameters.class);
                if (parameters != null) {
                    return parameters.defaultValue();
                }
            }
            return null;
        }
    }
}
