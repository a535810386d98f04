package io.medsettle.console;

import io.medsettle.app.MedsettleProperties;
import io.medsettle.intake.DischargeIntake;
import io.medsettle.runs.JobRuns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * An uploaded discharge file taken in, from the page or the API: stored under a name of ours in
 * {@code var/uploads/<code>/} (the client's file name is never a path here), then the same intake
 * as the command.
 */
@Component
class Uploads {

    private final DischargeIntake intake;
    private final MedsettleProperties properties;

    Uploads(DischargeIntake intake, MedsettleProperties properties) {
        this.intake = intake;
        this.properties = properties;
    }

    DischargeIntake.Outcome take(MultipartFile file, String institution, YearMonth period) throws IOException {
        Path dir = properties.var().resolve("uploads").resolve(institution);
        Files.createDirectories(dir);
        Path stored = dir.resolve(period + "-" + UUID.randomUUID() + ".csv");
        file.transferTo(stored);
        return intake.intake(stored, institution, period, intake.reportDirectory(institution, period), JobRuns.Trigger.MANUAL);
    }
}
