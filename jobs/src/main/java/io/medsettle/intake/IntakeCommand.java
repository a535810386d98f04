package io.medsettle.intake;

import io.medsettle.app.Application;
import io.medsettle.cli.ApplicationOptions;
import io.medsettle.cli.ConsoleTable;
import io.medsettle.cli.InputRejectedException;
import io.medsettle.files.Identifiers;
import io.medsettle.runs.JobRuns;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "intake",
        mixinStandardHelpOptions = true,
        header = "Validate, recompute and load a hospital's monthly discharge file, exactly once.",
        description = {
                "%nChecks every row (formats.md), recomputes each settlement under the policy profile (the member's "
                        + "earlier settlements of the year included) and loads the good rows in one transaction, keeping "
                        + "the hospital's figures beside the recomputed ones. A file already loaded (same SHA-256) is "
                        + "recognised and skipped. Bad rows are listed in a report (CSV and Excel) and the command exits 1. "
                        + "A run that was interrupted (even killed) resumes where it stopped when run again.",
                "%nFiles may come in any order: a member's settlements are adjudicated in DOMAIN.md's order, and when "
                        + "a file brings settlements dated before ones already loaded (of any institution), those are "
                        + "adjudicated again and their new figures kept as revisions; the command says how many. A file "
                        + "for a month already settled is a late file (补报): its rows are settled by the next month-end "
                        + "approval (or, where the policy profile says so, the file is refused).",
                "%nWith --inbox, every file in var/inbox/<fixmedins_code>/ whose name contains its period (yyyy-MM) is "
                        + "taken in and moved to processed/ or rejected/ beside it, with its report; a file that cannot "
                        + "be taken in is moved to rejected/ with a report saying why, and the others go on.",
                "%nWith --abandon FILE_ID, an intake that was interrupted and will not be finished is given up "
                        + "(month-end approval refuses while one of its month is unfinished).",
                ""})
public final class IntakeCommand implements Callable<Integer> {

    @Mixin
    ApplicationOptions options;

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @ArgGroup(exclusive = false)
        OneFile file;

        @Option(names = "--inbox", required = true, description = "Take in every file waiting in var/inbox/.")
        boolean inbox;

        @Option(names = "--abandon", required = true, paramLabel = "FILE_ID",
                description = "Give up the unfinished intake of file FILE_ID (its number in the intake's output).")
        Long abandon;
    }

    static final class OneFile {
        @Parameters(index = "0", paramLabel = "FILE", description = "The discharge file (CSV, UTF-8 or GBK).")
        Path file;

        @Option(names = "--institution", required = true, paramLabel = "CODE",
                description = "The uploading institution (its fixmedins_code: letters and digits, at most 12).")
        String institution;

        @Option(names = "--period", required = true, paramLabel = "yyyy-MM", description = "The month the file settles.")
        YearMonth period;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (source.file != null) {
            if (!Identifiers.isInstitutionCode(source.file.institution)) {
                throw new ParameterException(spec.commandLine(), "--institution '" + source.file.institution
                        + "' is not an institution code (letters and digits, at most 12)");
            }
            if (!Files.isReadable(source.file.file)) {
                throw new ParameterException(spec.commandLine(), "cannot read FILE " + source.file.file);
            }
        }
        try (Application app = options.start()) {
            if (source.inbox) {
                List<IntakeInbox.Taken> taken = app.bean(IntakeInbox.class).scan(JobRuns.Trigger.MANUAL);
                ConsoleTable table = ConsoleTable.of("文件", "结果", "读入>", "入库>", "拒收>", "报告");
                taken.forEach(t -> table.row(t.file().getFileName(), t.outcome().result(), t.outcome().rowsRead(),
                        t.outcome().rowsLoaded(), t.outcome().rowsRejected(), t.outcome().report().map(Path::toString).orElse("")));
                out.println("inbox: " + taken.size() + " file(s)");
                table.print(out);
                taken.stream().filter(t -> t.outcome().result() != DischargeIntake.Result.LOADED
                                || t.outcome().late() || t.outcome().revised() + t.outcome().revisedOther() > 0)
                        .forEach(t -> out.println(t.file().getFileName() + ": " + t.outcome().message()));
                return taken.stream().anyMatch(t -> t.outcome().rowsRejected() > 0
                        || t.outcome().result() == DischargeIntake.Result.REJECTED) ? 1 : 0;
            }
            DischargeIntake intake = app.bean(DischargeIntake.class);
            if (source.abandon != null) {
                if (!intake.abandon(source.abandon)) {
                    throw new InputRejectedException("file #" + source.abandon + " is not an unfinished intake: nothing to give up");
                }
                out.println("file #" + source.abandon + " given up: nothing of it was loaded; it can be sent again");
                return 0;
            }
            OneFile one = source.file;
            if (!app.bean(IntakeFiles.class).institutionKnown(one.institution)) {
                throw new ParameterException(spec.commandLine(), "--institution " + one.institution
                        + " is not a known institution (load institutions.csv first)");
            }
            out.println("intake " + one.file.getFileName() + " (" + one.institution + " " + one.period + ") ...");
            DischargeIntake.Outcome outcome = intake.intake(one.file, one.institution, one.period,
                    intake.reportDirectory(one.institution, one.period), JobRuns.Trigger.MANUAL);
            ConsoleTable.of("文件编号>", "读入行>", "入库行>", "拒收行>", "重新核算(本机构)>", "重新核算(其他机构)>")
                    .row(outcome.fileId(), outcome.rowsRead(), outcome.rowsLoaded(), outcome.rowsRejected(),
                            outcome.revised(), outcome.revisedOther()).print(out);
            out.println(outcome.message());
            if (outcome.result() == DischargeIntake.Result.REJECTED || outcome.rowsRejected() > 0) {
                throw new InputRejectedException(outcome.result() == DischargeIntake.Result.REJECTED ? outcome.message()
                        : outcome.rowsRejected() + " row(s) were rejected and not loaded", outcome.report().orElse(null));
            }
            return 0;
        }
    }

}
