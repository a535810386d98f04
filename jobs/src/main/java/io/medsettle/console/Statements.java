package io.medsettle.console;

import io.medsettle.app.MedsettleProperties;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The approved month-ends' statements as the console offers them: the files the run wrote under
 * {@code out/<yyyy-MM>/}. A file is found by comparing a requested name with the names the folder
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

    /** The approved periods, the newest first. */
    List<YearMonth> approvedPeriods() {
        return jdbc.sql("select period from month_end_run where status = 'APPROVED' order by period desc")
                .query(String.class).list().stream().map(YearMonth::parse).toList();
    }

    /** Every statement file of an approved period, by name. */
    List<String> files(YearMonth period) {
        if (!approvedPeriods().contains(period)) {
            return List.of();
        }
        Path dir = properties.out().resolve(period.toString());
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The institutions' own workbooks of the period. */
    List<String> ownWorkbooks(YearMonth period, Collection<String> institutions) {
        return files(period).stream()
                .filter(name -> institutions.stream().anyMatch(code -> name.equals("statement-" + code + "-" + period + ".xlsx")))
                .toList();
    }

    /** The file of that name, when the period's folder holds one by that exact name. */
    Optional<Path> file(YearMonth period, String name, List<String> offered) {
        return offered.contains(name) ? Optional.of(properties.out().resolve(period.toString()).resolve(name)) : Optional.empty();
    }
}
