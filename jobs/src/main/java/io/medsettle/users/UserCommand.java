package io.medsettle.users;

import io.medsettle.app.Application;
import io.medsettle.cli.ApplicationOptions;
import io.medsettle.cli.ConsoleTable;
import io.medsettle.cli.InputRejectedException;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "user",
        mixinStandardHelpOptions = true,
        header = "Manage the web console's users: add, disable, reset a password, list.",
        description = {
                "%n  user add NAME --role hospital|accountant|finance|admin [--institution CODE...]"
                        + "%n  user disable NAME"
                        + "%n  user reset NAME"
                        + "%n  user list",
                "%nadd and reset print a first password, shown once: the user must change it at the first login. "
                        + "Passwords are stored hashed. A hospital user acts for the institutions named (one or more), "
                        + "and sees nothing of any other; the other roles name none. A disabled user cannot log in; "
                        + "reset enables the user again. Users are never deleted (the audit names them).",
                ""})
public final class UserCommand implements Callable<Integer> {

    @Mixin
    ApplicationOptions options;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACTION", description = "add, disable, reset or list.")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "The user's name (" + ConsoleUsers.NAME_RULE + ").")
    String name;

    @Option(names = "--role", paramLabel = "ROLE", description = "For add: hospital, accountant, finance or admin.")
    String role;

    @Option(names = "--institution", paramLabel = "CODE", description = "For add, hospital users: an institution they act for.")
    List<String> institutions = List.of();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        check();
        try (Application app = options.start()) {
            ConsoleUsers users = app.bean(ConsoleUsers.class);
            try {
                switch (action) {
                    case "add" -> {
                        String password = users.add(name, Role.of(role), institutions);
                        out.println("user " + name + " (" + role + (institutions.isEmpty() ? "" : ", " + String.join(" ", institutions))
                                + ") added; first password: " + password);
                        out.println("It is shown once; the user must change it at the first login.");
                    }
                    case "reset" -> {
                        out.println("user " + name + ": new first password: " + users.reset(name));
                        out.println("It is shown once; the user must change it at the next login.");
                    }
                    case "disable" -> {
                        users.disable(name);
                        out.println("user " + name + " disabled: cannot log in until reset");
                    }
                    default -> {
                        ConsoleTable table = ConsoleTable.of("用户", "角色", "机构", "状态");
                        users.all().forEach(u -> table.row(u.name(), u.role().id(), String.join(" ", u.institutions()),
                                !u.enabled() ? "disabled" : u.mustChangePassword() ? "first password" : "active"));
                        table.print(out);
                    }
                }
            } catch (ConsoleUsers.UserException e) {
                throw new InputRejectedException(e);
            }
            if (!action.equals("list")) {
                // The server's shell user did it: the audit names who, the console's users being changed.
                app.bean(Audit.class).record("shell:" + System.getProperty("user.name"), null, "user-" + action,
                        name + (role == null ? "" : " " + role) + (institutions.isEmpty() ? "" : " " + String.join(" ", institutions)));
            }
            return 0;
        }
    }

    private void check() {
        List<String> actions = List.of("add", "disable", "reset", "list");
        if (!actions.contains(action)) {
            throw new ParameterException(spec.commandLine(), "ACTION: '" + action + "' is not add, disable, reset or list");
        }
        if (!action.equals("list") && name == null) {
            throw new ParameterException(spec.commandLine(), "NAME: " + action + " needs the user's name");
        }
        if (name != null && !ConsoleUsers.isName(name)) {
            throw new ParameterException(spec.commandLine(), "NAME: '" + name + "' is not " + ConsoleUsers.NAME_RULE);
        }
        if (action.equals("add") && (role == null || !List.of("hospital", "accountant", "finance", "admin").contains(role))) {
            throw new ParameterException(spec.commandLine(), "--role: '" + role + "' is not hospital, accountant, finance or admin");
        }
    }
}
