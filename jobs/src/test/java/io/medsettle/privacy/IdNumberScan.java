package io.medsettle.privacy;

import io.medsettle.files.Identifiers;
import io.medsettle.reports.SafeText;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds ID numbers written unmasked in a tree of files: 17 digits and a check digit (0-9 or X)
 * that GB 11643 accepts, standing alone. A longer run of digits is something else, and so is a run
 * glued to letters, '_' or '-': generated names such as {@code medsettle-test-pg344404088131396032}
 * (a temporary directory's random number, one in eleven of which has a valid check digit). Text files
 * are read byte for byte (the digits are the same bytes in UTF-8 and GBK); workbooks (.xlsx) and
 * other zip files are opened and each entry read; gzip files are unpacked. Skipped: the members'
 * input files ({@code members*.csv}, which must hold ID numbers) and database directories (an
 * embedded server's {@code var/pg}, the test server's {@code medsettle-test-pg*}).
 */
final class IdNumberScan {

    private static final Pattern CANDIDATE = Pattern.compile("(?<![0-9A-Za-z_-])[0-9]{17}[0-9Xx](?![0-9A-Za-z_])");

    /** An ID number found in a file; it shows the number masked, as a report would. */
    record Finding(Path file, String entry, String idNumber) {

        @Override
        public String toString() {
            return file + (entry.isEmpty() ? "" : " [" + entry + "]") + ": " + SafeText.maskId(idNumber);
        }
    }

    List<Finding> scan(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).filter(file -> !skipped(root.relativize(file)))
                    .forEach(file -> findings.addAll(scanFile(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return findings;
    }

    private static boolean skipped(Path relative) {
        String name = relative.getFileName().toString();
        if (name.startsWith("members") && name.endsWith(".csv")) {
            return true;
        }
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            String dir = relative.getName(i).toString();
            boolean embeddedDatabase = dir.equals("var") && relative.getName(i + 1).toString().equals("pg");
            if (embeddedDatabase || dir.startsWith("medsettle-test-pg")) {
                return true;
            }
        }
        return false;
    }

    List<Finding> scanFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        List<Finding> findings = new ArrayList<>();
        try {
            if (name.endsWith(".xlsx") || name.endsWith(".zip")) {
                // ZipFile reads the central directory: streaming writers (POI's SXSSF) leave the
                // sizes out of the entries' local headers, which ZipInputStream cannot read past.
                try (ZipFile zip = new ZipFile(file.toFile())) {
                    for (ZipEntry entry : Collections.list(zip.entries())) {
                        try (InputStream in = zip.getInputStream(entry)) {
                            idNumbersIn(in.readAllBytes()).forEach(id -> findings.add(new Finding(file, entry.getName(), id)));
                        }
                    }
                }
            } else if (name.endsWith(".gz")) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                    idNumbersIn(asFarAsItGoes(in)).forEach(id -> findings.add(new Finding(file, "", id)));
                }
            } else {
                idNumbersIn(Files.readAllBytes(file)).forEach(id -> findings.add(new Finding(file, "", id)));
            }
        } catch (IOException e) {
            // A file that vanished while the tree was walked (a server's pid file) holds nothing.
            if (Files.exists(file)) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return findings;
    }

    /**
     * A gzip file whose writer never finished it (a workbook's temporary sheet, left by a test that
     * failed before closing the workbook or by a killed process) is read as far as it goes.
     */
    private static byte[] asFarAsItGoes(InputStream in) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                read.write(buffer, 0, n);
            }
        } catch (EOFException truncated) {
            // What was there is in read.
        }
        return read.toByteArray();
    }

    static List<String> idNumbersIn(byte[] bytes) {
        Matcher m = CANDIDATE.matcher(new String(bytes, StandardCharsets.ISO_8859_1));
        List<String> found = new ArrayList<>();
        while (m.find()) {
            if (Identifiers.isIdNumber(m.group())) {
                found.add(m.group());
            }
        }
        return found;
    }
}
