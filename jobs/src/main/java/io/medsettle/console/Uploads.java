package io.medsettle.console;

import io.medsettle.app.MedsettleProperties;
import io.medsettle.intake.DischargeIntake;
import io.medsettle.runs.JobRuns;
import io.medsettle.runs.RunInProgressException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * An uploaded discharge file taken in, from the page or the API: stored under a name of ours in
 * {@code var/uploads/<code>/} (the client's file name is never a path here), then the same intake
 * as the command.
 *
 * <p>Intakes run one at a time (the intakes' lock). Uploads arriving together wait their turn here,
 * first come first served, instead of being turned away; an intake of another process (a command,
 * the nightly inbox) is waited for too, up to {@link #WAIT}. A file sent twice at once is so taken in
 * once: the second finds it loaded.
 */
@Component
class Uploads {

    private final DischargeIntake intake;
    private final MedsettleProperties properties;

    Uploads(DischargeIntake intake, MedsettleProperties properties) {
        this.intake = intake;
        this.properties = properties;
    }

    static final Duration WAIT = Duration.ofMinutes(30);

    private final ReentrantLock turn = new ReentrantLock(true);

    /**
     * @throws RunInProgressException when another process's intake still runs after {@link #WAIT}
     */
    DischargeIntake.Outcome take(MultipartFile file, String institution, YearMonth period) throws IOException {
        Path dir = properties.var().resolve("uploads").resolve(institution);
        Files.createDirectories(dir);
        Path stored = dir.resolve(period + "-" + UUID.randomUUID() + ".csv");
        file.transferTo(stored);
        long deadline = System.nanoTime() + WAIT.toNanos();
        turn.lock();
        try {
            while (true) {
                try {
                    return intake.intake(stored, institution, period, intake.reportDirectory(institution, period),
                            JobRuns.Trigger.MANUAL);
                } catch (RunInProgressException busy) {
                    if (System.nanoTime() > deadline) {
                        throw busy;
                    }
                    Thread.sleep(1_000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the intake", e);
        } finally {
            turn.unlock();
        }
    }
}
