package io.medsettle.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.app.PgCopy;
import io.medsettle.discharges.DischargeColumns;
import io.medsettle.discharges.DischargeRow;
import io.medsettle.files.FileRejectedException;
import io.medsettle.files.InputFile;
import io.medsettle.files.InputRow;
import io.medsettle.reference.ReferenceFileLoader;
import io.medsettle.runs.JobRuns;
import io.medsettle.support.DischargeFile;
import io.medsettle.support.MedsettleSpringTest;
import io.medsettle.support.ReferenceFiles;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hostile and broken files (issue 9, point 4): a valid discharge file mutated again and again
 * (truncated, bytes changed, quotes and separators inserted, huge fields, other encodings, lines
 * repeated or dropped, mutations combined).
 *
 * <p>Thousands of mutations go through the part that reads, checks and stages a file, the part where
 * a value the schema cannot hold would stop a file: each ends with its rows staged or the file
 * rejected, never another exception. A thousand more go through the whole intake, which must end
 * LOADED (with a report when rows were rejected), REJECTED with a report, or recognised as already
 * loaded; never an exception, never a file left unfinished. {@code mvn verify -Dfuzz.iterations=N
 * -Dfuzz.staged=N} runs more (the root pom passes them on); the seed is printed with any failure.
 */
class IntakeFuzzTest extends MedsettleSpringTest {

    private static final int ITERATIONS = Integer.getInteger("medsettle.fuzz.iterations", 1_000);
    private static final int STAGED = Integer.getInteger("medsettle.fuzz.staged", 5_000);
    private static final long SEED = Long.getLong("medsettle.fuzz.seed", 20261123L);

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    DischargeIntake intake;

    @Autowired
    ReferenceFileLoader referenceData;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    private record Mutation(String name, BiFunction<byte[], Random, byte[]> apply) {
    }

    private static final List<Mutation> MUTATIONS = List.of(
            new Mutation("truncate", (b, r) -> Arrays.copyOf(b, r.nextInt(b.length + 1))),
            new Mutation("replace a byte", (b, r) -> {
                byte[] c = b.clone();
                byte[] picks = {0, (byte) 0xFF, (byte) 0xC3, '"', ',', '\n', '\r', '\t', '\\', ';', '-', '.', '9', 'x'};
                c[r.nextInt(c.length)] = r.nextBoolean() ? picks[r.nextInt(picks.length)] : (byte) r.nextInt(256);
                return c;
            }),
            new Mutation("insert a quote", (b, r) -> insert(b, r.nextInt(b.length + 1), "\"".getBytes(StandardCharsets.UTF_8))),
            new Mutation("insert a huge field", (b, r) -> insert(b, r.nextInt(b.length + 1),
                    "Z".repeat(100_000 + r.nextInt(200_000)).getBytes(StandardCharsets.UTF_8))),
            new Mutation("insert separators", (b, r) -> insert(b, r.nextInt(b.length + 1),
                    ",\n,,\r\n\"\",".substring(0, 1 + r.nextInt(8)).getBytes(StandardCharsets.UTF_8))),
            new Mutation("re-encode", (b, r) -> {
                Charset[] charsets = {Charset.forName("GBK"), StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE,
                        StandardCharsets.ISO_8859_1, Charset.forName("GB18030")};
                return new String(b, StandardCharsets.UTF_8).getBytes(charsets[r.nextInt(charsets.length)]);
            }),
            new Mutation("repeat a line", (b, r) -> {
                List<String> lines = new ArrayList<>(Arrays.asList(new String(b, StandardCharsets.UTF_8).split("\n", -1)));
                int i = r.nextInt(lines.size());
                lines.add(i, lines.get(i));
                return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
            }),
            new Mutation("drop a line", (b, r) -> {
                List<String> lines = new ArrayList<>(Arrays.asList(new String(b, StandardCharsets.UTF_8).split("\n", -1)));
                lines.remove(r.nextInt(lines.size()));
                return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
            }),
            new Mutation("byte-order marks and CRLF", (b, r) -> {
                byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
                byte[] c = r.nextBoolean() ? insert(b, 0, bom) : insert(insert(b, 0, bom), 0, bom);
                return new String(c, StandardCharsets.UTF_8).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
            }),
            new Mutation("a NUL in a value", (b, r) -> insert(b, r.nextInt(b.length + 1), new byte[] {0})),
            new Mutation("a long number", (b, r) -> new String(b, StandardCharsets.UTF_8)
                    .replaceFirst("3000\\.00", "9".repeat(1 + r.nextInt(30)) + (r.nextBoolean() ? ".999" : ""))
                    .getBytes(StandardCharsets.UTF_8)),
            new Mutation("a strange date", (b, r) -> new String(b, StandardCharsets.UTF_8)
                    .replaceFirst("2038-01-0" + (1 + r.nextInt(5)), new String[] {"0000-01-01", "9999-12-31", "2038-02-30",
                            "2038-1-5", "-2038-01-05", "20380105", ""}[r.nextInt(7)])
                    .getBytes(StandardCharsets.UTF_8)));

    private static byte[] insert(byte[] bytes, int at, byte[] what) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + what.length);
        out.write(bytes, 0, at);
        out.write(what, 0, what.length);
        out.write(bytes, at, bytes.length - at);
        return out.toByteArray();
    }

    @Test
    void everyMutationIsStagedRowByRowOrRejectedWholeAndNeverStopsTheDatabase() throws Exception {
        Random random = new Random(SEED + 1);
        int staged = 0;
        int rejected = 0;
        for (int i = 0; i < STAGED; i++) {
            byte[] bytes = mutate(valid(i).getBytes(StandardCharsets.UTF_8), random, new ArrayList<>());
            Path file = Files.write(dir.resolve("staged-" + (i % 50) + "-2038-01.csv"), bytes);
            String what = "staged iteration " + i + " (seed " + (SEED + 1) + ")";
            TransactionTemplate transaction = new TransactionTemplate(transactions);
            long fileId = 1_000_000L + i;
            try {
                Integer rows = transaction.execute(status -> {
                    status.setRollbackOnly();
                    return stage(file, fileId);
                });
                if (rows == null) {
                    rejected++;
                } else {
                    staged += rows;
                }
            } catch (RuntimeException e) {
                throw new AssertionError(what + " threw " + e, e);
            }
        }
        assertThat(staged).as("rows staged").isPositive();
        assertThat(rejected).as("files rejected whole").isPositive();
    }

    /** The staging step's reading, checking and COPY, as it runs them: rows staged, or null when rejected whole. */
    private Integer stage(Path file, long fileId) {
        PgCopy copy = PgCopy.streaming(dataSource, "discharge_staging", DischargeColumns.STAGING);
        int rows = 0;
        try (InputFile input = InputFile.open(file, DischargeColumns.REQUIRED, DischargeColumns.OPTIONAL)) {
            for (InputRow row : input) {
                DischargeRow checked = DischargeRow.check(row, "HFZ", YearMonth.of(2038, 1));
                if (checked.accepted()) {
                    checked.copyInto(copy, fileId);
                    rows++;
                }
            }
            copy.flush();
            return rows;
        } catch (FileRejectedException e) {
            copy.flush();
            return null;
        }
    }

    private static byte[] mutate(byte[] bytes, Random random, List<String> applied) {
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            Mutation mutation = MUTATIONS.get(random.nextInt(MUTATIONS.size()));
            bytes = mutation.apply().apply(bytes, random);
            applied.add(mutation.name());
        }
        return bytes;
    }

    @Test
    void everyMutationOfAValidFileEndsLoadedOrRejectedWithAReportAndNothingUnfinished() throws Exception {
        ReferenceFiles.in(dir.resolve("refs"))
                .institutions("HFZ,甲医院,2,general")
                .members("PFZ1,王伟,320706197004045218,1,1970-04-04,in_service,2010-01-01",
                        "PFZ2,李娜,320706195005055224,2,1950-05-05,retired,2000-01-01")
                .load(referenceData, LocalDate.of(2037, 1, 1));
        Random random = new Random(SEED);
        int loaded = 0;
        int rejected = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            List<String> applied = new ArrayList<>();
            byte[] bytes = mutate(valid(i).getBytes(StandardCharsets.UTF_8), random, applied);
            Path file = Files.write(dir.resolve("fuzz-" + i + "-2038-01.csv"), bytes);
            String what = "iteration " + i + " (seed " + SEED + "): " + applied;
            DischargeIntake.Outcome outcome;
            try {
                outcome = intake.intake(file, "HFZ", YearMonth.of(2038, 1), dir.resolve("reports"), JobRuns.Trigger.MANUAL);
            } catch (RuntimeException e) {
                throw new AssertionError(what + " threw " + e, e);
            }
            switch (outcome.result()) {
                case LOADED -> {
                    loaded++;
                    if (outcome.rowsRejected() > 0) {
                        assertThat(outcome.report()).as(what + ": a report of the rejected rows").isPresent();
                    }
                }
                case REJECTED -> {
                    rejected++;
                    assertThat(outcome.report()).as(what + ": a report of the rejection").isPresent();
                    assertThat(outcome.report().get()).as(what).exists();
                }
                case ALREADY_LOADED -> { }
            }
            assertThat(jdbc.queryForObject("select count(*) from intake_file where status = 'STAGING'", Integer.class))
                    .as(what + ": nothing unfinished").isZero();
        }
        assertThat(loaded).as("some mutations still load").isPositive();
        assertThat(rejected).as("some are rejected whole").isPositive();
        assertThat(jdbc.queryForObject("select count(*) from discharge_staging", Integer.class)).isZero();
    }

    /** A valid file whose settlement ids are new in every iteration. */
    private static String valid(int i) {
        return DischargeFile.HEADER + "\n"
                + "I" + i + "S1,I" + i + "M1,PFZ1,HFZ,21,2038-01-01,2038-01-03,2038-01-03 10:00:00,3000.00,100.00,50.00,,0,,I10.x00\n"
                + "I" + i + "S2,I" + i + "M2,PFZ2,HFZ,22,2038-01-02,2038-01-04,2038-01-04 11:30:00,12500.50,0,,,0,,\"K80,200\"\n"
                + "I" + i + "S3,I" + i + "M3,PFZ1,HFZ,21,2038-01-04,2038-01-05,2038-01-05 09:00:00,3000.00,0,,,0,,\n"
                + "I" + i + "C3,I" + i + "M3,PFZ1,HFZ,21,2038-01-04,2038-01-05,2038-01-05 18:00:00,0,0,,,1,I" + i + "S3,\n";
    }
}
