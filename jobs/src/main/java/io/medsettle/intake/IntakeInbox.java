package io.medsettle.intake;

import io.medsettle.app.MedsettleProperties;
import io.medsettle.runs.JobRuns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

/**
 * The hospitals' inboxes: {@code var/inbox/<fixmedins_code>/}. Each file whose name contains its
 * period ({@code 2026-03.csv}, {@code 出院结算-2026-03.csv}) is taken in and moved, with its report
 * beside it, to {@code processed/} when it loaded, to {@code rejected/} when it was rejected whole
 * or its name says no period.
 */
@Component
public class IntakeInbox {

    private static final Pattern PERIOD = Pattern.compile("(\\d{4})-(0[1-9]|1[0-2])");

    private final DischargeIntake intake;
    private final MedsettleProperties properties;

    IntakeInbox(DischargeIntake intake, MedsettleProperties properties) {
        this.intake = intake;
        this.properties = properties;
    }

    public record Taken(Path file, DischargeIntake.Outcome outcome) {
    }

    public List<Taken> scan(JobRuns.Trigger trigger) {
        Path inbox = properties.var().resolve("inbox");
        List<Taken> taken = new ArrayList<>();
        if (!Files.isDirectory(inbox)) {
            return taken;
        }
        try (Stream<Path> institutions = Files.list(inbox)) {
            for (Path dir : institutions.filter(Files::isDirectory).sorted().toList()) {
                String institution = dir.getFileName().toString();
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        taken.add(take(file, institution, trigger));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the inbox " + inbox, e);
        }
        return taken;
    }

    private Taken take(Path file, String institution, JobRuns.Trigger trigger) throws IOException {
        Matcher period = PERIOD.matcher(file.getFileName().toString());
        Path processed = file.resolveSibling("processed");
        Path rejected = file.resolveSibling("rejected");
        if (!period.find()) {
            Files.createDirectories(rejected);
            Files.move(file, rejected.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            return new Taken(file, new DischargeIntake.Outcome(DischargeIntake.Result.REJECTED, 0, 0, 0, 0,
                    java.util.Optional.empty(), "the file name must contain its period, yyyy-MM"));
        }
        YearMonth month = YearMonth.of(Integer.parseInt(period.group(1)), Integer.parseInt(period.group(2)));
        String stem = DischargeIntake.stem(file);
        boolean whole = false;
        DischargeIntake.Outcome outcome = intake.intake(file, institution, month, file.resolveSibling(".reports")
                .resolve(stem + "-report"), trigger);
        whole = outcome.result() == DischargeIntake.Result.REJECTED;
        Path target = whole ? rejected : processed;
        Files.createDirectories(target);
        Files.move(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        for (String ext : new String[] {".csv", ".xlsx"}) {
            Path report = file.resolveSibling(".reports").resolve(stem + "-report" + ext);
            if (Files.exists(report)) {
                Files.move(report, target.resolve(stem + "-report" + ext), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return new Taken(file, outcome);
    }
}
