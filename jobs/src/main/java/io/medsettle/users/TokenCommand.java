package io.medsettle.users;

import io.medsettle.app.Application;
import io.medsettle.cli.ApplicationOptions;
import io.medsettle.cli.InputRejectedException;
import io.medsettle.files.Identifiers;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "token",
        mixinStandardHelpOptions = true,
        header = "Manage the upload API's tokens: one per institution's HIS system.",
        description = {
                "%n  token add --institution CODE"
                        + "%n  token revoke ID",
                "%nadd prints the token once (it is kept only as its SHA-256): the HIS system sends it as "
                        + "'Authorization: Bearer TOKEN' with POST /api/v1/discharge-files. revoke ends a token for good.",
                ""})
public final class TokenCommand implements Callable<Integer> {

    @Mixin
    ApplicationOptions options;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACTION", description = "add or revoke.")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "ID", description = "For revoke: the token's number.")
    Long id;

    @Option(names = "--institution", paramLabel = "CODE", description = "For add: the institution the token sends files for.")
    String institution;

    @Override
    public Integer call() {
        boolean add = action.equals("add");
        if (!add && !action.equals("revoke")) {
            throw new ParameterException(spec.commandLine(), "ACTION: '" + action + "' is not add or revoke");
        }
        if (add && (institution == null || !Identifiers.isInstitutionCode(institution))) {
            throw new ParameterException(spec.commandLine(), "--institution: add needs an institution code ("
                    + Identifiers.INSTITUTION_CODE_RULE + ")");
        }
        if (!add && id == null) {
            throw new ParameterException(spec.commandLine(), "ID: revoke needs the token's number");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Application app = options.start()) {
            ApiTokens tokens = app.bean(ApiTokens.class);
            Audit audit = app.bean(Audit.class);
            try {
                if (add) {
                    String token = tokens.add(institution);
                    out.println("token " + tokens.find(token).orElseThrow().id() + " for " + institution + " (shown once): " + token);
                    audit.record("shell:" + System.getProperty("user.name"), null, "token-add", institution);
                } else {
                    tokens.revoke(id);
                    out.println("token " + id + " revoked");
                    audit.record("shell:" + System.getProperty("user.name"), null, "token-revoke", id.toString());
                }
            } catch (ConsoleUsers.UserException e) {
                throw new InputRejectedException(e);
            }
            return 0;
        }
    }
}
