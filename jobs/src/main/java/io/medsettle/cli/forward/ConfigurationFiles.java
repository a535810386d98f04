package io.medsettle.cli.forward;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The Spring configuration files a command started in a directory would read, each with its size
 * and time: the home's {@code config/} (the launcher's additional location) and Spring Boot's
 * default places relative to the working directory ({@code ./}, {@code ./config/},
 * {@code ./config/}{@code *}{@code /}). Serve records its own when it starts; a command whose
 * directory gives another list (another {@code application.yaml} beside it, or one edited since
 * serve read it) would run with other settings, and is not taken.
 */
final class ConfigurationFiles {

    private ConfigurationFiles() {
    }

    static List<String> of(Path workingDirectory, Path homeConfig) {
        TreeSet<String> files = new TreeSet<>();
        add(files, homeConfig);
        add(files, workingDirectory);
        Path config = workingDirectory.resolve("config");
        add(files, config);
        if (Files.isDirectory(config)) {
            try (DirectoryStream<Path> children = Files.newDirectoryStream(config, Files::isDirectory)) {
                children.forEach(child -> add(files, child));
            } catch (IOException | RuntimeException e) {
                files.add(config + " (unreadable: " + e.getMessage() + ")");
            }
        }
        return new ArrayList<>(files);
    }

    private static void add(TreeSet<String> files, Path directory) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, ConfigurationFiles::applicationFile)) {
            for (Path file : entries) {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                files.add(file.toRealPath() + " " + attributes.size() + " " + attributes.lastModifiedTime().toMillis());
            }
        } catch (IOException | RuntimeException e) {
            // A directory that cannot be read cannot be compared: its line makes the lists differ.
            files.add(directory + " (unreadable: " + e.getMessage() + ")");
        }
    }

    /** {@code application.yaml}, {@code application-PROFILE.properties} and the like. */
    private static boolean applicationFile(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith("application") && (name.endsWith(".properties") || name.endsWith(".yaml")
                || name.endsWith(".yml") || name.endsWith(".xml"));
    }
}
