package io.medsettle.reference;

import io.medsettle.accountbook.AccountFileKind;
import io.medsettle.accountbook.AccountFiles;
import io.medsettle.accountbook.LoadResult;
import io.medsettle.app.Application;
import io.medsettle.cli.ApplicationOptions;
import io.medsettle.cli.InputRejectedException;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "load",
        mixinStandardHelpOptions = true,
        header = "Load reference data and the files of the members' individual accounts.",
        description = {
                "%nReads FILE (CSV, UTF-8 or GBK, see formats.md), checks every row and merges the good rows by key. "
                        + "Institutions and members keep their history: a changed value starts on the --effective date "
                        + "and the old value stays valid before it. Institution codes are 1 to 12 letters or digits, "
                        + "member numbers 1 to 30; an ID number belongs to one member number (a second member number "
                        + "with an ID number the file or the database already has is a bad row). Bad rows are listed in "
                        + "a report (CSV and Excel, ID numbers masked) under out/reports/ and are not loaded; the "
                        + "command then exits 1.",
                "%nKINDS: institutions, members, approved-averages, budgets, assessment-scores, interest-rates; "
                        + "and for the individual accounts (docs/accounts.md): contributions (key psn_no and period; a row "
                        + "without paid_date is in arrears until a row with one completes it; a paid row is final), "
                        + "account-openings (balances taken over, once per member), account-payments (outpatient and "
                        + "pharmacy spending, debited at once; a payment the account cannot cover is a bad row), "
                        + "account-events (transfer_in, transfer_out, death). Loading the same file again changes nothing.",
                ""})
public final class LoadCommand implements Callable<Integer> {

    @Mixin
    ApplicationOptions options;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KIND", description = "What the file holds (see KINDS).")
    String kind;

    @Parameters(index = "1", paramLabel = "FILE", description = "The CSV file.")
    Path file;

    @Option(names = "--effective", paramLabel = "yyyy-MM-dd",
            description = "The day changed institutions and members take their new values (default: today).")
    LocalDate effective;

    @Override
    public Integer call() {
        java.util.Optional<AccountFileKind> accountKind = AccountFileKind.byId(kind);
        ReferenceKind referenceKind = ReferenceKind.byId(kind).orElse(null);
        if (referenceKind == null && accountKind.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "unknown KIND '" + kind + "'; one of institutions, members, "
                    + "approved-averages, budgets, assessment-scores, interest-rates, contributions, account-openings, "
                    + "account-payments, account-events");
        }
        if (!Files.isReadable(file)) {
            throw new ParameterException(spec.commandLine(), "cannot read FILE " + file);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (accountKind.isPresent()) {
            return loadAccountFile(accountKind.get(), out);
        }
        try (Application app = options.start()) {
            LocalDate day = effective != null ? effective : LocalDate.now(app.bean(Clock.class));
            ReferenceFileLoader.Result result = app.bean(ReferenceFileLoader.class).load(referenceKind, file, day);
            ReferenceStore.Outcome o = result.outcome();
            out.printf("%s %s: %d rows loaded (%d new, %d changed, %d unchanged), %d rejected%n", referenceKind.id(),
                    file.getFileName(), o.rows(), o.inserted(), o.changed(), o.unchanged(), result.rejectedRows());
            if (result.rejectedRows() > 0) {
                throw new InputRejectedException(result.rejectedRows() + " row(s) of " + file.getFileName()
                        + " were rejected and not loaded", result.report().orElse(null));
            }
            result.report().ifPresent(report -> out.println("warnings: " + report));
            return 0;
        }
    }

    private int loadAccountFile(AccountFileKind accountKind, PrintWriter out) {
        try (Application app = options.start()) {
            LoadResult result = app.bean(AccountFiles.class).load(accountKind, file);
            out.printf("%s %s: %d rows read, %d loaded, %d unchanged, %d rejected%n", accountKind.id(), file.getFileName(),
                    result.rows(), result.loaded(), result.unchanged(), result.rejected());
            if (result.rejected() > 0) {
                throw new InputRejectedException(result.rejected() + " row(s) of " + file.getFileName()
                        + " were rejected and not loaded", result.report().orElse(null));
            }
            result.report().ifPresent(report -> out.println("warnings: " + report));
            return 0;
        }
    }
}
