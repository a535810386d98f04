package io.medsettle.console;

import io.medsettle.app.MedsettleProperties;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The approved month-ends' and year-ends' statements as the console offers them: the files the run
 * wrote under {@code out/<yyyy-MM>/} and {@code out/<yyyy>/} (never a preview's {@code draft/}). A file is found by comparing a requested name with the names the folder
 * holds, never by resolving a requested name as a path; a hospital is offered its own
 * institutions' workbooks only.
 */
@Component
class Statements {

    private final JdbcClient jdbc;
    private final MedsettleProperties properties;

    Statements(JdbcClient jdbc, MedsettleProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /**
     * The approved periods and years, as their folders are named, the newest first (a year's close
     * before its months: "2025" sorts after "2025-12" descending).
     */
    List<String> approvedPeriods() {
        return jdbc.sql("""
                        select period from month_end_run where status = 'APPROVED'
                        union all
                        select year::text from year_end_run where status = 'APPROVED'
                        order by 1 desc""")
                .query(String.class).list();
    }

    /** Every statement file of an approved period or year, by name. */
    List<String> files(String period) {
        if (!approvedPeriods().contains(period)) {
            return List.of();
        }
        Path dir = properties.out().resolve(period);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The institutions' own workbooks of the period (statement-…) or year (year-end-…). */
    List<String> ownWorkbooks(String period, Collection<String> institutions) {
        return files(period).stream()
                .filter(name -> institutions.stream().anyMatch(code -> name.equals("statement-" + code + "-" + period + ".xlsx")
                        || name.equals("year-end-" + code + "-" + period + ".xlsx")))
                .toList();
    }

    /** The file of that name, when the period's folder holds one by that exact name. */
    Optional<Path> file(String period, String name, List<String> offered) {
        return offered.contains(name) ? Optional.of(properties.out().resolve(period).resolve(name)) : Optional.empty();
    }
}
