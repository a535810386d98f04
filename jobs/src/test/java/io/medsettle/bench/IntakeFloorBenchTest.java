package io.medsettle.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.support.DatabaseOptions;
import io.medsettle.support.InProcessCommands;
import io.medsettle.testdb.PostgresTestDatabase;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.zaxxer.hikari.HikariDataSource;

/**
 * {@code bench --floor} at a tiny size, in a database and home of its own: the floor of an intake
 * written once (issue 13) adjudicates and copies what the intake loaded, and leaves nothing behind,
 * neither its table nor a settlement or movement of its rolled-back transaction.
 */
class IntakeFloorBenchTest {

    @Test
    void theFloorWritesWhatTheIntakeLoadedAndLeavesNothing(@TempDir Path home) throws Exception {
        Files.createSymbolicLink(home.resolve("config"), Path.of("../config").toAbsolutePath().normalize());
        PostgresTestDatabase.Database db = PostgresTestDatabase.emptyDatabase();
        StringWriter out = new StringWriter();
        InProcessCommands.withHome(home, () -> assertThat(InProcessCommands.execute(out, DatabaseOptions.with(db,
                "bench", "--rows", "3000", "--members", "800", "--floor",
                "--dir", home.resolve("var/bench").toString()))).as(out.toString()).isZero());

        List<String> lines = out.toString().lines().toList();
        long loaded = firstNumbers(lines.get(lines.indexOf(lines.stream().filter(l -> l.startsWith("-----")).findFirst()
                .orElseThrow()) + 1)).get(1);
        String floorRow = lines.get(lines.size() - 1);
        List<Long> floor = firstNumbers(floorRow);
        // Its whole numbers: settlements written, movements, rows set aside, peak heap (the times and ratios have decimals).
        assertThat(floor).as(floorRow).hasSize(4);
        long written = floor.get(0);
        long movements = floor.get(1);
        assertThat(out.toString()).contains("(d) the floor of an intake written once");
        // The floor leaves out only what the reference checks would (a repeat, a cancellation of nothing):
        // a handful of rows at most.
        assertThat(written).as(out.toString()).isPositive().isBetween(loaded - loaded / 100, loaded);
        assertThat(movements).as(out.toString()).isPositive();

        try (HikariDataSource owner = db.ownerDataSource()) {
            JdbcClient jdbc = JdbcClient.create(owner);
            assertThat(jdbc.sql("select count(*) from account_movement where setl_id like 'F%'").query(Long.class).single())
                    .isZero();
            assertThat(jdbc.sql("select count(*) from settlement where setl_id like 'F%'").query(Long.class).single())
                    .isZero();
            assertThat(jdbc.sql("select count(*) from pg_class where relname like 'bench_floor_%'").query(Long.class)
                    .single()).isZero();
            assertThat(jdbc.sql("select count(*) from settlement").query(Long.class).single()).isEqualTo(loaded);
        }
        try (var files = Files.list(home.resolve("var/bench"))) {
            assertThat(files.map(f -> f.getFileName().toString())).doesNotContain("floor-sorted.csv");
        }
    }

    private static List<Long> firstNumbers(String row) {
        Matcher numbers = Pattern.compile("(?<![\\d.])[\\d,]+(?![\\d.,])").matcher(row);
        List<Long> found = new ArrayList<>();
        while (numbers.find()) {
            found.add(Long.parseLong(numbers.group().replace(",", "")));
        }
        return found;
    }
}
