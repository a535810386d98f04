package io.medsettle.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The medsettle process that started the embedded server and will stop it, recorded in
 * {@code var/pg/owner} while the server runs. A process is known by its id and its start time
 * together, so that an id the system has since given to another process is not taken for it.
 *
 * @param start the process's start time, or null where the system does not tell it
 */
record ServerOwner(long pid, Instant start) {

    static ServerOwner current() {
        ProcessHandle self = ProcessHandle.current();
        return new ServerOwner(self.pid(), self.info().startInstant().orElse(null));
    }

    static Optional<ServerOwner> read(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return Optional.of(new ServerOwner(Long.parseLong(lines.get(0).trim()),
                    lines.size() > 1 && !lines.get(1).isBlank() ? Instant.parse(lines.get(1).trim()) : null));
        } catch (IOException | RuntimeException e) {
            // No record, or one cut short: no owner is known.
            return Optional.empty();
        }
    }

    boolean isAlive() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(process -> start == null || process.info().startInstant().map(start::equals).orElse(true))
                .orElse(false);
    }

    /** Written under another name and renamed: a reader finds the old record or the new one, whole. */
    void write(Path file) {
        try {
            Path temporary = Files.createTempFile(file.getParent(), ".owner", ".tmp");
            try {
                Files.writeString(temporary, pid + "\n" + (start == null ? "" : start.toString()) + "\n");
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
