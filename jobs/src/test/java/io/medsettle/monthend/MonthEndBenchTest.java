package io.medsettle.monthend;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.support.DatabaseOptions;
import io.medsettle.support.InProcessCommands;
import io.medsettle.testdb.PostgresTestDatabase;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench --case month-end} at a tiny size, in a database and home of its own: the period is
 * written, previewed and approved, and every statement of both runs is there.
 */
class MonthEndBenchTest {

    @Test
    void previewsAndApprovesAWrittenPeriodWithEveryStatement(@TempDir Path home) throws Exception {
        Files.createSymbolicLink(home.resolve("config"), Path.of("../config").toAbsolutePath().normalize());
        PostgresTestDatabase.Database db = PostgresTestDatabase.emptyDatabase();
        StringWriter out = new StringWriter();
        InProcessCommands.withHome(home, () -> assertThat(InProcessCommands.execute(out, DatabaseOptions.with(db,
                "bench", "--case", "month-end", "--rows", "2000", "--institutions", "20",
                "--dir", home.resolve("var/bench").toString()))).as(out.toString()).isZero());

        assertThat(out.toString()).contains("2,000 settlements of 2026-03", "20 institutions", "writeInstitutionStatements",
                "writeFundStatements", "preview", "approve");
        Path approved = home.resolve("out/2026-03");
        for (Path folder : List.of(approved, approved.resolve("draft"))) {
            try (Stream<Path> files = Files.list(folder)) {
                assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("statement-")))
                        .as(folder.toString()).hasSize(20);
            }
            assertThat(folder.resolve("fund-summary-2026-03.xlsx")).exists();
            assertThat(folder.resolve("settlement-2026-03.csv")).exists();
            assertThat(folder.resolve("payment-order-2026-03.csv")).exists();
        }
    }
}
