package io.medsettle.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.demo.DemoCity;
import io.medsettle.support.MedsettleProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real kills on the embedded database: {@code serve} starts the server and other commands share it
 * while it lives; killed with SIGKILL, it cannot stop its server, and the next command finds the
 * server's owner gone, stops the orphan and runs on a server of its own.
 */
class OrphanedServerTest {

    @TempDir
    Path home;

    private Process serve;

    @AfterEach
    void stopWhatIsLeft() {
        if (serve != null) {
            serve.destroyForcibly();
        }
        // Whatever happened above, no server is left running on the test's directory.
        Postmaster.running(home.resolve("var/pg/data")).ifPresent(Postmaster::stop);
    }

    @Test
    void aServerWhoseOwnerWasKilledIsStoppedByTheNextCommandAndALiveOwnersIsShared() throws Exception {
        MedsettleProcess process = new MedsettleProcess(home);
        DemoCity city = new DemoCity(new DemoCity.Settings(5, 3, 100, 2026, 0.18, 0.0));
        Path institutions = home.resolve("institutions.csv");
        city.writeInstitutions(institutions);

        Path serveOutput = home.resolve("serve.log");
        serve = process.startEmbedded(serveOutput, "serve", "--port", "0");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (serve.isAlive() && System.nanoTime() < deadline && !output(serveOutput).contains("running; Ctrl-C stops it")) {
            Thread.sleep(200);
        }
        assertThat(output(serveOutput)).contains("running; Ctrl-C stops it");
        ProcessHandle server = postmaster().orElseThrow();
        assertThat(ServerOwner.read(home.resolve("var/pg/owner")).orElseThrow().pid()).isEqualTo(serve.pid());

        // While serve lives, a command shares its server and leaves it running.
        Path shared = home.resolve("shared.log");
        assertThat(process.startEmbedded(shared, "load", "institutions", institutions.toString()).waitFor())
                .as(output(shared)).isZero();
        assertThat(output(shared)).doesNotContain("stopping");
        assertThat(running(server)).isTrue();

        serve.destroyForcibly().waitFor();
        assertThat(running(server)).as("the killed command's server runs on, orphaned").isTrue();

        Path next = home.resolve("next.log");
        assertThat(process.startEmbedded(next, "load", "institutions", institutions.toString()).waitFor())
                .as(output(next)).isZero();

        assertThat(output(next))
                .contains("medsettle: stopping the embedded PostgreSQL server (pid " + server.pid()
                        + ") left running by medsettle process " + serve.pid() + ", which is gone")
                .contains("0 new");
        assertThat(running(server)).as("the orphan was stopped").isFalse();
        assertThat(postmaster()).as("the next command stopped its own server too").isEmpty();
        assertThat(home.resolve("var/pg/owner")).doesNotExist();
    }

    private Optional<ProcessHandle> postmaster() {
        return Postmaster.running(home.resolve("var/pg/data")).map(Postmaster::process);
    }

    /** Alive and not a zombie: a stopped server's process lingers until the system reaps it. */
    private static boolean running(ProcessHandle process) throws Exception {
        Path stat = Path.of("/proc/" + process.pid() + "/stat");
        if (!process.isAlive() || !Files.exists(stat)) {
            return false;
        }
        String text = Files.readString(stat);
        // pid (command) state ...: the state follows the command's closing parenthesis.
        return text.charAt(text.lastIndexOf(')') + 2) != 'Z';
    }

    private static String output(Path file) throws Exception {
        return Files.exists(file) ? String.join("\n", Files.readAllLines(file)) : "";
    }
}
