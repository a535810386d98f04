package io.medsettle.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Names of reports that never overwrite one another. */
public final class ReportFiles {

    private ReportFiles() {
    }

    /**
     * The base name of a new report in the directory ({@code <base>.csv} and {@code <base>.xlsx}):
     * the name itself, or, when a report of that name exists (two loads of files of the same name in
     * one second, by one operator or two), the name with -2, -3, ... Creating the CSV claims the name,
     * atomically, so no report overwrites another.
     */
    public static Path claim(Path dir, String name) {
        try {
            Files.createDirectories(dir);
            for (int n = 1; ; n++) {
                Path base = dir.resolve(n == 1 ? name : name + "-" + n);
                try {
                    Files.createFile(base.resolveSibling(base.getFileName() + ".csv"));
                    return base;
                } catch (FileAlreadyExistsException taken) {
                    // The next number.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a report under " + dir, e);
        }
    }
}
