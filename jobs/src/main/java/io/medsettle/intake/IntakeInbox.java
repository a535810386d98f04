package io.medsettle.intake;

import io.medsettle.app.MedsettleProperties;
import io.medsettle.files.Problem;
import io.medsettle.files.ValidationReport;
import io.medsettle.files.Identifiers;
import io.medsettle.runs.JobRuns;
import io.medsettle.runs.RunInProgressException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The hospitals' inboxes: {@code var/inbox/<fixmedins_code>/}. Each file whose name contains its
 * period ({@code 2026-03.csv}, {@code 出院结算-2026-03.csv}) is taken in and moved, with its report
 * beside it, to {@code processed/} when it loaded, to {@code rejected/} when it was rejected.
 *
 * <p>Every file comes to an end of its own: one that cannot be taken in (no period in its name, an
 * inbox named after no known institution, a failure while taking it in) is moved to
 * {@code rejected/} with a report saying why, and the scan goes on with the next. Only an intake
 * interrupted in a way that running again mends (the database went away) leaves its file where it
 * is, for the next scan; so does a file whose name starts with a dot (an upload still being written).
 * A moved file or report never replaces an earlier one of the same name.
 */
@Component
public class IntakeInbox {

    private static final Logger log = LoggerFactory.getLogger(IntakeInbox.class);
    private static final Pattern PERIOD = Pattern.compile("(\\d{4})-(0[1-9]|1[0-2])");

    private final DischargeIntake intake;
    private final IntakeFiles files;
    private final MedsettleProperties properties;

    IntakeInbox(DischargeIntake intake, IntakeFiles files, MedsettleProperties properties) {
        this.intake = intake;
        this.files = files;
        this.properties = properties;
    }

    /**
     * One file of the scan.
     *
     * @param file    where the file was found
     * @param movedTo where it is now ({@code processed/} or {@code rejected/}); the file itself when
     *                it was left for the next scan
     * @param outcome the intake's outcome, its report path where the report now is
     */
    public record Taken(Path file, DischargeIntake.Outcome outcome, Path movedTo) {
    }

    public List<Taken> scan(JobRuns.Trigger trigger) {
        Path inbox = properties.var().resolve("inbox");
        List<Taken> taken = new ArrayList<>();
        if (!Files.isDirectory(inbox)) {
            return taken;
        }
        try (Stream<Path> institutions = Files.list(inbox)) {
            for (Path dir : institutions.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : files.filter(Files::isRegularFile)
                            .filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList()) {
                        Optional<Taken> one = takeOne(file, dir.getFileName().toString(), trigger);
                        if (one.isEmpty()) {
                            return taken;
                        }
                        taken.add(one.get());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the inbox " + inbox, e);
        }
        return taken;
    }

    /** Takes one file in; empty when the scan must stop (another run holds the intakes). */
    private Optional<Taken> takeOne(Path file, String institution, JobRuns.Trigger trigger) throws IOException {
        try {
            return Optional.of(take(file, institution, trigger));
        } catch (RunInProgressException e) {
            log.warn("inbox scan stopped at {}: {}", file, e.getMessage());
            return Optional.empty();
        } catch (DischargeIntake.InterruptedIntakeException e) {
            log.warn("{} left in the inbox for the next scan: {}", file, e.getMessage());
            return Optional.of(new Taken(file, DischargeIntake.Outcome.rejected(0, Optional.empty(),
                    "interrupted; left in the inbox for the next scan: " + e.getMessage()), file));
        } catch (RuntimeException e) {
            log.error("{} could not be taken in; moved to rejected/", file, e);
            return Optional.of(refuse(file, institution, "处理文件时发生内部错误: " + Interruption.reason(e),
                    "an internal error stopped the intake: " + Interruption.reason(e)));
        }
    }

    private Taken take(Path file, String institution, JobRuns.Trigger trigger) throws IOException {
        if (!Identifiers.isInstitutionCode(institution) || !files.institutionKnown(institution)) {
            return refuse(file, institution, "收件箱目录名" + institution + "不是已登记的定点医疗机构编码",
                    "the inbox directory " + institution + " is not the code of a known institution");
        }
        Matcher period = PERIOD.matcher(file.getFileName().toString());
        if (!period.find()) {
            return refuse(file, institution, "文件名中缺少结算期间(yyyy-MM)", "the file name must contain its period, yyyy-MM");
        }
        YearMonth month = YearMonth.of(Integer.parseInt(period.group(1)), Integer.parseInt(period.group(2)));
        Path reports = file.resolveSibling(".reports");
        DischargeIntake.Outcome outcome = intake.intake(file, institution, month, reports, trigger);
        Path target = file.resolveSibling(outcome.result() == DischargeIntake.Result.REJECTED ? "rejected" : "processed");
        Path moved = move(file, target);
        Optional<Path> report = outcome.report();
        if (report.isPresent() && report.get().startsWith(reports)) {
            report = Optional.of(moveReport(report.get(), target));
        }
        return new Taken(file, new DischargeIntake.Outcome(outcome.result(), outcome.fileId(), outcome.rowsRead(),
                outcome.rowsLoaded(), outcome.rowsRejected(), report, outcome.message(), outcome.late(),
                outcome.revised(), outcome.revisedOther()), moved);
    }

    /** Moves a file that cannot be taken in to {@code rejected/}, with a report that says why. */
    private Taken refuse(Path file, String institution, String reasonZh, String reasonEn) throws IOException {
        Path rejected = Files.createDirectories(file.resolveSibling("rejected"));
        String name = ReportNames.fileName(file);
        Problem problem = Problem.wholeFile(name, reasonZh, reasonEn);
        Path xlsx;
        try (ValidationReport report = new ValidationReport(ReportNames.unique(rejected, name),
                "出院结算明细校验报告(整个文件被拒收)", List.<String[]>of(new String[] {"文件", name},
                        new String[] {"收件箱", institution}))) {
            report.add(problem);
            xlsx = report.xlsx();
        }
        Path moved = move(file, rejected);
        return new Taken(file, DischargeIntake.Outcome.rejected(0, Optional.of(xlsx), reasonEn), moved);
    }

    /** Moves the file into the directory under a name no earlier file there has. */
    private static Path move(Path file, Path directory) throws IOException {
        Files.createDirectories(directory);
        String name = file.getFileName().toString();
        Path target = directory.resolve(name);
        for (int n = 2; Files.exists(target); n++) {
            target = directory.resolve(n + "-" + name);
        }
        return Files.move(file, target);
    }

    /** Moves a report, with the other format beside it, into the directory. */
    private static Path moveReport(Path xlsx, Path directory) throws IOException {
        String base = xlsx.getFileName().toString().replaceFirst("\\.xlsx$", "");
        Path csv = xlsx.resolveSibling(base + ".csv");
        if (Files.exists(csv)) {
            move(csv, directory);
        }
        return move(xlsx, directory);
    }
}
