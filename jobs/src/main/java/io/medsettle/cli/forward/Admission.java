package io.medsettle.cli.forward;

import io.medsettle.app.Application;
import io.medsettle.cli.ApplicationOptions;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * Whether serve may run a command for the launcher: only when the command, started on its own,
 * would run the same code on the same database with the same settings as serve does. When in
 * doubt, not: the launcher then starts the command itself, as it always did, which costs a couple
 * of seconds and is never wrong.
 *
 * <p>The same code: the launcher's build is serve's (the extracted jar's directory, named for the
 * jar's time). The same settings: the environment's {@link ForwardedEnvironment relevant
 * variables} and the Spring {@link ConfigurationFiles configuration files} the command's directory
 * would give are serve's. The same database and profile: what the command's options choose, with
 * their {@code MEDSETTLE_DB_*} and {@code MEDSETTLE_PROFILE} defaults read from the command's own
 * environment, is what serve's options chose. And only {@link #FORWARDED the commands the launcher
 * forwards}, or a usage error or help, which start nothing.
 */
final class Admission {

    /** The commands serve runs; the launcher's list ({@code ./medsettle}) is the same. */
    static final Set<String> FORWARDED = Set.of("load", "account", "month-end", "year-end");

    private final String build;
    private final Application.Settings settings;
    private final Map<String, String> environment;
    private final List<String> configuration;
    private final Path homeConfig;

    /**
     * @param build         serve's build
     * @param settings      serve's database and profile, as its options chose them
     * @param environment   serve's environment
     * @param workingDirectory serve's working directory, for the configuration files it read
     * @param homeConfig    the home's {@code config/}, which every command reads
     */
    Admission(String build, Application.Settings settings, Map<String, String> environment, Path workingDirectory,
              Path homeConfig) {
        this.build = build;
        this.settings = settings;
        this.environment = ForwardedEnvironment.settings(environment);
        this.homeConfig = homeConfig;
        this.configuration = ConfigurationFiles.of(workingDirectory, homeConfig);
    }

    /** Why the request is not serve's to run, before its arguments are read; empty when it may be. */
    Optional<String> refusal(CommandRequest request) {
        if (!build.equals(request.build())) {
            return Optional.of("another build (" + request.build() + "; serve runs " + build + ")");
        }
        Path directory;
        try {
            directory = Path.of(request.workingDirectory());
        } catch (InvalidPathException e) {
            return Optional.of("a working directory that is not a path");
        }
        if (!directory.isAbsolute()) {
            return Optional.of("a relative working directory");
        }
        Map<String, String> theirs = ForwardedEnvironment.settings(request.environment());
        if (!environment.equals(theirs)) {
            // The variables' names only: their values may be passwords.
            Set<String> differing = new TreeSet<>(environment.keySet());
            differing.addAll(theirs.keySet());
            differing.removeIf(name -> java.util.Objects.equals(environment.get(name), theirs.get(name)));
            return Optional.of("other environment variables than serve's: " + String.join(", ", differing));
        }
        if (!configuration.equals(ConfigurationFiles.of(directory, homeConfig))) {
            return Optional.of("other configuration files than serve read when it started (in " + directory
                    + ", or edited since)");
        }
        return Optional.empty();
    }

    /**
     * Why the command, read by the forwarded command line, is not serve's to run; empty when it
     * may be. Wrong usage is run, to be shown as the command shows it: it starts nothing.
     */
    Optional<String> refusal(CommandLine commandLine, String[] arguments) {
        ParseResult parsed;
        try {
            parsed = commandLine.parseArgs(arguments);
        } catch (CommandLine.ParameterException wrongUsage) {
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("arguments that could not be read: " + e.getMessage());
        }
        ParseResult leaf = parsed;
        boolean help = parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested();
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
            help |= leaf.isUsageHelpRequested() || leaf.isVersionHelpRequested() || leaf.commandSpec().helpCommand();
        }
        if (help) {
            return Optional.empty();
        }
        if (leaf == parsed || !FORWARDED.contains(leaf.commandSpec().name())) {
            return Optional.of("not a command serve runs");
        }
        Optional<ApplicationOptions> options = leaf.commandSpec().mixins().values().stream().map(CommandSpec::userObject)
                .filter(ApplicationOptions.class::isInstance).map(ApplicationOptions.class::cast).findFirst();
        if (options.isEmpty()) {
            return Optional.of("a command without the database options");
        }
        if (!options.get().settings().sameDatabaseAndProfile(settings)) {
            return Optional.of("another database or profile than serve's");
        }
        return Optional.empty();
    }
}
