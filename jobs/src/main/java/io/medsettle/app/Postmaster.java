package io.medsettle.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server running on a data directory, as its {@code postmaster.pid} tells: the
 * server's process and its port.
 */
record Postmaster(ProcessHandle process, int port, Path data) {

    private static final long STOP_SECONDS = 60;

    /**
     * The server running on the data directory, if any. A {@code postmaster.pid} left by a server
     * that died with its machine names a process id that may since belong to another program: the
     * process must be alive and be a {@code postgres}.
     */
    static Optional<Postmaster> running(Path data) {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            // postmaster.pid: pid, data directory, start time, port, socket directory, ...
            List<String> lines = Files.readAllLines(pidFile);
            long pid = Long.parseLong(lines.get(0).trim());
            int port = Integer.parseInt(lines.get(3).trim());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> Path.of(c).getFileName().toString().equals("postgres")).orElse(true))
                    .map(p -> new Postmaster(p, port, data));
        } catch (IOException | RuntimeException e) {
            // Being written or removed right now: no server to speak of.
            return Optional.empty();
        }
    }

    /**
     * Stops the server at once: fast shutdown (SIGINT), which ends the open sessions and writes the
     * data out. Not with {@code pg_ctl}: the library runs the server in a user namespace of its own
     * when medsettle runs as root, and pg_ctl refuses to run as root. The server is down when its
     * {@code postmaster.pid} is gone; its process may linger a while as a zombie until the system
     * reaps it, and counts as alive until then.
     */
    void stop() {
        Path pidFile = data.resolve("postmaster.pid");
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (kill.waitFor() != 0) {
                // SIGTERM, the smart shutdown: it waits for the sessions to end.
                process.destroy();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_SECONDS);
            while (Files.exists(pidFile) && process.isAlive()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the embedded PostgreSQL server (pid " + process.pid() + ") in "
                            + data + " did not stop within " + STOP_SECONDS + " s; stop it with: kill -INT " + process.pid());
                }
                Thread.sleep(100);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the embedded PostgreSQL server (pid " + process.pid() + "): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the embedded PostgreSQL server", e);
        }
    }
}
