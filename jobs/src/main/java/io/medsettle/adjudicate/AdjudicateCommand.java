package io.medsettle.adjudicate;

import io.medsettle.adjudication.PolicyProfile;
import io.medsettle.adjudication.PolicyProfiles;
import io.medsettle.app.MedsettleHome;
import io.medsettle.cli.ConsoleTable;
import io.medsettle.cli.InputRejectedException;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "adjudicate",
        mixinStandardHelpOptions = true,
        header = "Compute every discharge's benefits under a policy profile, on files, with no database.",
        description = {
                "%nReads the institutions, members and discharge files (formats.md), applies the profile's rules to "
                        + "each member's year in order (eligibility, pre-self-pay, deductible, fund share, annual cap, "
                        + "supplementary layer) and writes one result row per settlement to --out, with diff_flag where "
                        + "the hospital's own figures differ by more than 0.01. Bad rows are not adjudicated: they go to "
                        + "a report beside the output (CSV and Excel) and the command exits 1.",
                ""})
public final class AdjudicateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--profile", paramLabel = "ID", defaultValue = "${env:MEDSETTLE_PROFILE}",
            description = "Policy profile under config/policies: lianyungang-2000, langfang-2024, zhenjiang-2023, yantai-2018.")
    String profile;

    @Option(names = "--institutions", required = true, paramLabel = "FILE", description = "institutions.csv")
    Path institutions;

    @Option(names = "--members", required = true, paramLabel = "FILE", description = "members.csv")
    Path members;

    @Option(names = "--discharges", required = true, arity = "1..*", paramLabel = "FILE",
            description = "One or more discharge files.")
    List<Path> discharges;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The results CSV to write.")
    Path out;

    @Override
    public Integer call() {
        for (Path file : concat()) {
            if (!Files.isReadable(file)) {
                throw new ParameterException(spec.commandLine(), "cannot read " + file);
            }
        }
        if (profile == null || profile.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--profile is required (or MEDSETTLE_PROFILE)");
        }
        PolicyProfile policy = PolicyProfiles.load(MedsettleHome.current().config().resolve("policies"), profile);
        FileAdjudication.Summary s = new FileAdjudication(policy).run(institutions, members, discharges, out);
        PrintWriter w = spec.commandLine().getOut();
        w.println("adjudicated under " + policy.id() + " (" + policy.city() + "): " + out);
        ConsoleTable.of("结算笔数>", "符合待遇>", "不符合>", "核对差异>", "拒收行>", "统筹支付>", "补充层支付>", "个人负担>")
                .row(s.rows(), s.eligible(), s.ineligible(), s.differences(), s.rejected(), s.fundPay(),
                        s.supplementaryPay(), s.memberPart())
                .print(w);
        if (s.rejected() > 0) {
            throw new InputRejectedException(s.rejected() + " discharge row(s) were rejected and not adjudicated",
                    s.report().orElse(null));
        }
        s.report().ifPresent(report -> w.println("warnings: " + report));
        return 0;
    }

    private List<Path> concat() {
        List<Path> all = new java.util.ArrayList<>(List.of(institutions, members));
        all.addAll(discharges);
        return all;
    }
}
