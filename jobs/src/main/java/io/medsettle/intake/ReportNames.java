package io.medsettle.intake;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Names of intake reports: never a path the sender chose, never the name of another file's report.
 * A registered file's report carries its file number ({@code 2026-03-file42-report.csv}); a file that
 * could not even be registered (unreadable) gets the first name not yet taken.
 */
final class ReportNames {

    /** Longest part of a sender's file name kept in a report's name (file systems allow 255 bytes). */
    private static final int STEM_CHARS = 80;
    /** {@code intake_file.file_name} holds 500 characters. */
    private static final int NAME_CHARS = 500;

    private ReportNames() {
    }

    /** The file's name as the registry and the reports show it: control characters replaced, bounded. */
    static String fileName(Path file) {
        String name = file.getFileName().toString().replaceAll("\\p{Cntrl}", "_");
        return name.length() <= NAME_CHARS ? name : name.substring(0, NAME_CHARS);
    }

    static Path forFile(Path directory, Path file, long fileId) {
        return directory.resolve(stem(file.getFileName().toString()) + "-file" + fileId + "-report");
    }

    static Path unique(Path directory, String name) {
        String stem = stem(name);
        Path base = directory.resolve(stem + "-report");
        for (int n = 2; Files.exists(withExtension(base, ".csv")) || Files.exists(withExtension(base, ".xlsx")); n++) {
            base = directory.resolve(stem + "-report-" + n);
        }
        return base;
    }

    private static Path withExtension(Path base, String extension) {
        return base.resolveSibling(base.getFileName() + extension);
    }

    /** The name without its extension, with only characters that are safe in a file name everywhere. */
    private static String stem(String name) {
        String stem = name.replaceFirst("\\.[^.]*$", "").replaceAll("[^\\p{L}\\p{N}._-]", "_");
        if (stem.isEmpty() || stem.startsWith(".")) {
            stem = "file" + stem;
        }
        return stem.length() <= STEM_CHARS ? stem : stem.substring(0, STEM_CHARS);
    }
}
