package io.medsettle.bench;

import io.medsettle.accountbook.AccountBook;
import io.medsettle.accountbook.AccountFiles;
import io.medsettle.adjudication.BenefitEngine;
import io.medsettle.adjudication.PolicyProfiles;
import io.medsettle.app.Application;
import io.medsettle.app.DatabaseConnection;
import io.medsettle.app.MedsettleProperties;
import io.medsettle.cli.ApplicationOptions;
import io.medsettle.cli.ConsoleTable;
import io.medsettle.demo.DemoCity;
import io.medsettle.intake.DischargeIntake;
import io.medsettle.intake.WriteOnceFloor;
import io.medsettle.monthend.MonthEndBench;
import io.medsettle.reference.ReferenceFileLoader;
import io.medsettle.reference.ReferenceKind;
import io.medsettle.runs.JobRuns;
import io.medsettle.yearend.YearEndBench;

import java.io.PrintWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench",
        mixinStandardHelpOptions = true,
        header = "Time the intake of a large discharge file, the individual accounts' loads and allocation, the year-end's "
                + "interest, or the month-end of a large period.",
        description = {
                "%nGenerates a synthetic city and one discharge file of --rows rows (realistic costs, repeat "
                        + "admissions, a few cap-crossing members), loads the reference data and an opening balance for every "
                        + "member's individual account, then in one run times "
                        + "(a) a bare COPY of the file into an unindexed table of text columns, (c) the full intake "
                        + "(validation, reference checks, adjudication, load) and (b) a COPY of the rows it loaded into a "
                        + "table with settlement's columns and indexes. Prints the times, the ratios c/a and c/b and the "
                        + "peak heap. --case accounts times a month of contributions loaded and allocated, and account payments "
                        + "loaded (docs/benchmarks.md). --case month-end writes --institutions institutions and a period of "
                        + "--rows settlements into the tables as the intake leaves them (not timed), then times the "
                        + "month-end's preview and approval of that period, statements included, step by step, with the "
                        + "peak heap. Use a database of its own: the run leaves its data behind.",
                ""})
public final class BenchCommand implements Callable<Integer> {

    /**
     * Each member's account balance at the start of the bench's year: enough for the account
     * payments of a few admissions, so that nearly every one is debited and a few are refused.
     */
    private static final String OPENING_BALANCE = "3000.00";

    @Mixin
    ApplicationOptions options;

    @Spec
    CommandSpec spec;

    @Option(names = "--rows", defaultValue = "1000000", description = "Rows in the file (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--members", defaultValue = "300000", description = "Members of the city (default: ${DEFAULT-VALUE}).")
    int members;

    @Option(names = "--institutions", defaultValue = "2000",
            description = "Institutions of the city, for --case month-end (default: ${DEFAULT-VALUE}).")
    int institutions;

    @Option(names = "--dir", defaultValue = "var/bench", description = "Where the files go (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--case", defaultValue = "intake",
            description = "intake (a discharge file, default) or accounts (--rows contribution rows loaded and allocated "
                    + "by the month-end approval against a COPY of the same rows into a table shaped and indexed like "
                    + "account_movement; then --rows account payments loaded) or year-end (the interest of --rows "
                    + "accounts of fifteen movements each, both methods, against one SQL pass over the movements) or "
                    + "month-end (the preview and approval of a period of --rows settlements at --institutions institutions, "
                    + "statements included; members --members, or a fifth of --rows when not given).")
    String benchCase;

    @Option(names = "--floor",
            description = "With the intake: after (b), also time (d), the least any intake written once must do "
                    + "(docs/benchmarks.md): a first pass over the file (with the intake's CSV reader, and (d1') by hand "
                    + "over its bytes), then the rows of a copy already in member order (made first, not timed) checked, "
                    + "adjudicated and copied with their account movements, in a transaction rolled back.")
    boolean floor;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (rows < 1 || members < 1 || institutions < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--rows, --members and --institutions must be at least 1");
        }
        if (!List.of("intake", "accounts", "year-end", "month-end").contains(benchCase)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--case: '" + benchCase + "' is none of intake, accounts, year-end, month-end");
        }
        if (floor && !benchCase.equals("intake")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--floor goes with the intake's bench only, not --case " + benchCase);
        }
        if (benchCase.equals("month-end")) {
            // A month's settlements are some five per member of the city unless the members are given.
            int cityMembers = spec.commandLine().getParseResult().hasMatchedOption("--members") ? members
                    : Math.max(1_000, rows / 5);
            try (Application app = options.start()) {
                return new MonthEndBench(out, dir, rows, institutions, cityMembers).run(app);
            }
        }
        if (benchCase.equals("year-end")) {
            try (Application app = options.start()) {
                return new YearEndBench(out, dir, rows).run(app);
            }
        }
        if (benchCase.equals("accounts")) {
            return new AccountsBench(out, dir, rows, members).run(options);
        }
        long seed = System.nanoTime();
        DemoCity city = new DemoCity(new DemoCity.Settings(seed, 20, members, 2026, 0.18, 0.001));
        Files.createDirectories(dir);
        city.writeInstitutions(dir.resolve("institutions.csv"));
        city.writeMembers(dir.resolve("members.csv"));
        // Every member has an individual account, as in a city (DOMAIN.md §4): without one, every row
        // with an account payment (three in ten) became a problem of the report instead of a debit,
        // and the benchmark timed the writing of some 300,000 report lines no real file makes.
        AccountsBench.writeOpenings(dir, city.members(), OPENING_BALANCE);
        DemoCity.Institution hospital = city.institutions().get(0);
        YearMonth period = YearMonth.of(2026, 1 + (int) Math.floorMod(seed, 12));
        Path file = dir.resolve("bench-" + seed + "-" + period + ".csv");
        out.printf("writing %,d rows to %s ...%n", rows, file);
        city.writeDischargeRows(file, hospital, period, StandardCharsets.UTF_8, rows);
        out.printf("file: %,d bytes%n", Files.size(file));
        try (Application app = options.start()) {
            ReferenceFileLoader references = app.bean(ReferenceFileLoader.class);
            references.load(ReferenceKind.INSTITUTIONS, dir.resolve("institutions.csv"), LocalDate.of(2026, 1, 1));
            references.load(ReferenceKind.MEMBERS, dir.resolve("members.csv"), LocalDate.of(2026, 1, 1));
            AccountsBench.loadOpenings(app.bean(AccountFiles.class), dir);
            // What autovacuum does to the freshly loaded members and accounts, done before the
            // timings rather than during one of them (on two cores it slowed whichever it met).
            BenchTables.vacuumAnalyze(app.database(), QUIET_BEFORE);

            long copyNanos = bareCopy(app.database(), file);
            out.printf("bare COPY: %.1f s%n", copyNanos / 1e9);

            Heap.resetPeaks();
            long started = System.nanoTime();
            DischargeIntake.Outcome outcome = app.bean(DischargeIntake.class)
                    .intake(file, hospital.code(), period, dir.resolve("report-" + seed), JobRuns.Trigger.MANUAL);
            long intakeNanos = System.nanoTime() - started;
            long peakHeap = Heap.peakMegabytes();
            // The same for what the intake wrote: (b) ran beside the vacuum of a million new settlements
            // in some runs and not in others, and took 17 to 25 s for the same rows.
            BenchTables.vacuumAnalyze(app.database(), QUIET_AFTER);
            long shapedNanos = shapedCopy(app.database(), outcome.fileId(), dir.resolve("settlement-" + seed + ".copy"));
            out.printf("COPY of the loaded rows into a table shaped and indexed like settlement: %.1f s%n", shapedNanos / 1e9);
            ConsoleTable.of("行数>", "入库>", "拒收>", "(a) 裸 COPY 秒>", "(b) settlement 形 COPY 秒>", "(c) intake 秒>",
                            "c/a>", "c/b>", "峰值堆 MB>")
                    .row(outcome.rowsRead(), outcome.rowsLoaded(), outcome.rowsRejected(),
                            String.format("%.1f", copyNanos / 1e9), String.format("%.1f", shapedNanos / 1e9),
                            String.format("%.1f", intakeNanos / 1e9), String.format("%.2f", (double) intakeNanos / copyNanos),
                            String.format("%.2f", (double) intakeNanos / shapedNanos), peakHeap)
                    .print(out);
            out.println();
            out.println("intake steps (分步耗时):");
            ConsoleTable steps = ConsoleTable.of("步骤", "秒>", "读>", "写>", "提交>");
            app.bean(org.springframework.jdbc.core.simple.JdbcClient.class).sql("""
                            select s.step_name, extract(epoch from s.end_time - s.start_time), s.read_count,
                                   s.write_count, s.commit_count
                              from batch_step_execution s
                             where s.job_execution_id = (select max(job_execution_id) from batch_job_execution)
                             order by s.step_execution_id""")
                    .query((rs, n) -> steps.row(rs.getString(1), String.format("%.1f", rs.getDouble(2)),
                            rs.getLong(3), rs.getLong(4), rs.getLong(5)))
                    .list();
            steps.print(out);
            if (floor) {
                floor(app, out, file, hospital.code(), period, outcome.fileId(), shapedNanos);
            }
        }
        return 0;
    }

    /**
     * (d): the floor of an intake written once ({@link WriteOnceFloor}), against (b) of the same run.
     * Its settlements go into an empty table shaped like {@code settlement}, made here as the owner.
     */
    private void floor(Application app, PrintWriter out, Path file, String institution, YearMonth period, long fileId,
                       long shapedNanos) throws Exception {
        Path sorted = dir.resolve("floor-sorted.csv");
        out.println("writing the floor's copy of the file in member order (not timed) ...");
        WriteOnceFloor.writeSortedCopy(file, sorted);
        String table = "bench_floor_" + System.nanoTime();
        DatabaseConnection database = app.database();
        DatabaseConnection.Login owner = database.migrationLogin();
        try (Connection c = DriverManager.getConnection(database.url(), owner.user(), owner.password())) {
            c.createStatement().execute("create table " + table + " (like settlement including all)");
            c.createStatement().execute("grant insert, select on " + table + " to \"" + database.user() + "\"");
        }
        try {
            WriteOnceFloor floorRun = new WriteOnceFloor(app.bean(DataSource.class), app.bean(JdbcClient.class),
                    app.bean(PlatformTransactionManager.class), app.bean(AccountBook.class),
                    new BenefitEngine(PolicyProfiles.load(app.bean(MedsettleProperties.class).policies(),
                            app.bean(MedsettleProperties.class).profile())));
            System.gc();
            Heap.resetPeaks();
            WriteOnceFloor.Scan fastScan = floorRun.scanBytes(file);
            WriteOnceFloor.Scan scan = floorRun.scan(file);
            if (fastScan.rows() != scan.rows() || fastScan.members() != scan.members()) {
                throw new IllegalStateException("the two first passes disagree: " + fastScan + " against " + scan);
            }
            WriteOnceFloor.Times times = floorRun.stream(sorted, institution, period, fileId, table, scan.nanos());
            long peakHeap = Heap.peakMegabytes();
            out.println();
            out.println("(d) the floor of an intake written once (地板):");
            long fastTotal = times.totalNanos() - scan.nanos() + fastScan.nanos();
            ConsoleTable.of("(d1) 首遍扫描 秒>", "(d1') 字节扫描 秒>", "(d2) 游标 秒>", "(d3) 第二遍 秒>", "(d) 合计 秒>",
                            "(d') 合计 秒>", "写入>", "账户变动>", "搁置>", "(b) 秒>", "d/b>", "d'/b>", "峰值堆 MB>")
                    .row(seconds(scan.nanos()), seconds(fastScan.nanos()), seconds(times.referenceNanos()),
                            seconds(times.streamNanos()), seconds(times.totalNanos()), seconds(fastTotal),
                            times.settlements(), times.movements(), times.rowsSetAside(), seconds(shapedNanos),
                            String.format("%.2f", (double) times.totalNanos() / shapedNanos),
                            String.format("%.2f", (double) fastTotal / shapedNanos), peakHeap)
                    .print(out);
        } finally {
            try (Connection c = DriverManager.getConnection(database.url(), owner.user(), owner.password())) {
                c.createStatement().execute("drop table " + table);
            }
            Files.deleteIfExists(sorted);
        }
    }

    private static String seconds(long nanos) {
        return String.format("%.1f", nanos / 1e9);
    }

    /** Tables the benchmark's city fills before the timings. */
    private static final List<String> QUIET_BEFORE = List.of("institution", "member", "account_movement");

    /** Tables the intake writes. */
    private static final List<String> QUIET_AFTER = List.of("settlement", "account_movement", "intake_problem",
            "settlement_change", "discharge_staging");

    /**
     * What PostgreSQL alone needs to store the same rows as the intake stores them (issue 13's floor (b)):
     * the file's loaded settlements, as the intake left them, copied out to a file (not timed), then
     * timed: a {@code COPY} of that file into a new table with {@code settlement}'s columns, constraints
     * and indexes ({@code LIKE settlement INCLUDING ALL}), dropped afterwards. As the schema's owner.
     */
    private static long shapedCopy(DatabaseConnection database, long fileId, Path rows) throws Exception {
        String table = "bench_settlement_" + System.nanoTime();
        DatabaseConnection.Login owner = database.migrationLogin();
        try (Connection c = DriverManager.getConnection(database.url(), owner.user(), owner.password())) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            try (Writer writer = Files.newBufferedWriter(rows, StandardCharsets.UTF_8)) {
                copy.copyOut("copy (select * from settlement where file_id = " + fileId + ") to stdout", writer);
            }
            c.createStatement().execute("create table " + table + " (like settlement including all)");
            long started = System.nanoTime();
            try (Reader reader = Files.newBufferedReader(rows, StandardCharsets.UTF_8)) {
                copy.copyIn("copy " + table + " from stdin", reader);
            }
            long elapsed = System.nanoTime() - started;
            c.createStatement().execute("drop table " + table);
            Files.delete(rows);
            return elapsed;
        }
    }

    /**
     * COPY of the raw file into a new table of text columns, no index, no check: PostgreSQL's floor.
     * As the schema's owner: the application's own role may not create tables.
     */
    private static long bareCopy(DatabaseConnection database, Path file) throws Exception {
        String header;
        try (var lines = Files.lines(file)) {
            header = lines.findFirst().orElseThrow();
        }
        String table = "bench_copy_" + System.nanoTime();
        StringBuilder ddl = new StringBuilder("create table " + table + " (");
        String[] columns = header.split(",");
        for (int i = 0; i < columns.length; i++) {
            ddl.append(i == 0 ? "" : ", ").append(columns[i]).append(" text");
        }
        DatabaseConnection.Login owner = database.migrationLogin();
        try (Connection c = DriverManager.getConnection(database.url(), owner.user(), owner.password())) {
            c.createStatement().execute(ddl.append(")").toString());
            long started = System.nanoTime();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + table + " from stdin with (format csv, header true)", reader);
            }
            long elapsed = System.nanoTime() - started;
            c.createStatement().execute("drop table " + table);
            return elapsed;
        }
    }
}
