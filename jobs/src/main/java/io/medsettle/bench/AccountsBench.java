package io.medsettle.bench;

import io.medsettle.accountbook.AccountFileKind;
import io.medsettle.accountbook.AccountFiles;
import io.medsettle.accountbook.LoadResult;
import io.medsettle.app.Application;
import io.medsettle.app.DatabaseConnection;
import io.medsettle.cli.ApplicationOptions;
import io.medsettle.cli.ConsoleTable;
import io.medsettle.demo.DemoCity;
import io.medsettle.monthend.MonthEnd;
import io.medsettle.reference.ReferenceFileLoader;
import io.medsettle.reference.ReferenceKind;
import io.medsettle.runs.JobRuns;

import java.io.IOException;
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
import java.util.SplittableRandom;

import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The accounts case of {@code bench} (issue 10): a month of contribution rows loaded and allocated
 * by the month-end approval, timed against a bare {@code COPY} of the same rows, shaped as the
 * movements they become, into a table with {@code account_movement}'s columns, constraints and
 * indexes; then as many account payments loaded (each debited on its day, never beyond the balance).
 */
final class AccountsBench {

    private static final String PHARMACY = "P32070000001";

    private final PrintWriter out;
    private final Path dir;
    private final int rows;
    private final int members;

    AccountsBench(PrintWriter out, Path dir, int rows, int members) {
        this.out = out;
        this.dir = dir;
        this.rows = rows;
        this.members = members;
    }

    int run(ApplicationOptions options) throws Exception {
        long seed = System.nanoTime();
        YearMonth period = YearMonth.of(2026, 3);
        Files.createDirectories(dir);
        int written = writeFiles(seed, period);
        out.printf("files: %,d contribution rows, %,d account payments, %,d members (%s)%n", written, rows, members, dir);
        try (Application app = options.start()) {
            ReferenceFileLoader references = app.bean(ReferenceFileLoader.class);
            AccountFiles accounts = app.bean(AccountFiles.class);
            long started = System.nanoTime();
            references.load(ReferenceKind.INSTITUTIONS, dir.resolve("institutions.csv"), LocalDate.of(2026, 1, 1));
            references.load(ReferenceKind.MEMBERS, dir.resolve("members.csv"), LocalDate.of(2026, 1, 1));
            loadOpenings(accounts, dir);
            out.printf("reference data and openings loaded in %.1f s (not timed)%n", (System.nanoTime() - started) / 1e9);

            long copyNanos = copyIntoMovementsTable(app.database(), dir.resolve("movements.csv"));
            out.printf("COPY into a table shaped and indexed like account_movement: %.1f s%n", copyNanos / 1e9);

            Heap.resetPeaks();
            started = System.nanoTime();
            LoadResult contributions = accounts.load(AccountFileKind.CONTRIBUTIONS, dir.resolve("contributions.csv"));
            long loadNanos = System.nanoTime() - started;
            out.printf("load contributions: %.1f s%n", loadNanos / 1e9);
            started = System.nanoTime();
            app.bean(MonthEnd.class).run(period, MonthEnd.Mode.APPROVE, JobRuns.Trigger.MANUAL);
            long monthEndNanos = System.nanoTime() - started;
            long allocationHeap = Heap.peakMegabytes();
            JdbcClient jdbc = app.bean(JdbcClient.class);
            long allocated = jdbc.sql("""
                            select count(*) from account_movement m join journal_entry e on e.entry_id = m.entry_id
                             where e.idempotency_key = ?""").param("month-end:" + period + ":contributions")
                    .query(Long.class).single();
            // The allocation is part of the approval's first step, which also settles the (here empty) month
            // with every institution; the statements are written after it.
            long settleNanos = (long) (jdbc.sql("""
                            select extract(epoch from s.end_time - s.start_time) from batch_step_execution s
                             where s.step_name = 'settlePeriod'
                             order by s.step_execution_id desc limit 1""").query(Double.class).single() * 1e9);

            Heap.resetPeaks();
            started = System.nanoTime();
            LoadResult payments = accounts.load(AccountFileKind.ACCOUNT_PAYMENTS, dir.resolve("account-payments.csv"));
            long paymentsNanos = System.nanoTime() - started;
            long paymentsHeap = Heap.peakMegabytes();

            out.println();
            ConsoleTable.of("步骤", "行数>", "入账>", "秒>", "对 COPY 倍数>", "峰值堆 MB>")
                    .row("COPY (movements table)", written, written, seconds(copyNanos), "1.00", "")
                    .row("load contributions", contributions.rows(), contributions.loaded(), seconds(loadNanos), "", "")
                    .row("allocation (month-end step settlePeriod)", "", allocated, seconds(settleNanos), "", "")
                    .row("contributions loaded + allocated", contributions.rows(), allocated, seconds(loadNanos + settleNanos),
                            String.format("%.2f", (double) (loadNanos + settleNanos) / copyNanos), allocationHeap)
                    .row("month-end approval, statements included", "", "", seconds(monthEndNanos), "", "")
                    .row("load account-payments", payments.rows(), payments.loaded(), seconds(paymentsNanos),
                            String.format("%.2f", (double) paymentsNanos / copyNanos), paymentsHeap)
                    .print(out);
        }
        return 0;
    }

    private static String seconds(long nanos) {
        return String.format("%.1f", nanos / 1e9);
    }

    /**
     * The city and its files: every member an opening balance; a contribution row for each member
     * in service for the period, paid on the 15th (and, to make up the rows, the month before, paid
     * late: 补记); the same rows as the movements they become; and account payments at a pharmacy.
     */
    private int writeFiles(long seed, YearMonth period) throws IOException {
        DemoCity city = new DemoCity(new DemoCity.Settings(seed, 20, members, 2026, 0.18, 0.0));
        city.writeInstitutions(dir.resolve("institutions.csv"));
        Files.writeString(dir.resolve("institutions.csv"), PHARMACY + ",连云港市老百姓大药房,0,pharmacy,\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        city.writeMembers(dir.resolve("members.csv"));
        SplittableRandom random = new SplittableRandom(seed);
        int written = 0;
        writeOpenings(dir, city.members(), "1000.00");
        try (Writer contributions = Files.newBufferedWriter(dir.resolve("contributions.csv"));
             Writer movements = Files.newBufferedWriter(dir.resolve("movements.csv"));
             Writer payments = Files.newBufferedWriter(dir.resolve("account-payments.csv"))) {
            contributions.write("emp_no,psn_no,period,base,employer_amt,personal_amt,paid_date\n");
            movements.write("psn_no,kind,amount,value_date,source,entry_id,recorded_at\n");
            payments.write("setl_id,psn_no,fixmedins_code,setl_time,acct_pay\n");
            java.util.List<DemoCity.Member> inService = city.members().stream().filter(m -> !"retired".equals(m.type())).toList();
            for (int i = 0; i < rows && !inService.isEmpty(); i++) {
                DemoCity.Member m = inService.get(i % inService.size());
                YearMonth month = period.minusMonths(i / inService.size());
                long base = 3_000 + Math.floorMod(m.psnNo().hashCode(), 12_000);
                String paid = period.atDay(15).toString();
                contributions.write(m.employer() + "," + m.psnNo() + "," + month + "," + base + ".00," + fen(base * 8) + ","
                        + fen(base * 2) + "," + paid + "\n");
                movements.write(m.psnNo() + ",allocation," + fen(base * 3) + "," + paid + ",contribution:" + m.psnNo() + ":"
                        + month + ",1,2026-03-31T00:00:00Z\n");
                written++;
            }
            for (int i = 0; i < rows && !inService.isEmpty(); i++) {
                DemoCity.Member m = inService.get(random.nextInt(inService.size()));
                payments.write("Y" + i + "," + m.psnNo() + "," + PHARMACY + "," + period.atDay(1 + random.nextInt(28)) + " "
                        + String.format("%02d:%02d:%02d", 8 + random.nextInt(12), random.nextInt(60), random.nextInt(60)) + ","
                        + (1 + random.nextInt(49)) + "." + String.format("%02d", random.nextInt(100)) + "\n");
            }
        }
        return written;
    }

    /** The amount of {@code fen / 100} yuan, as formats.md writes money. */
    private static String fen(long hundredths) {
        return hundredths / 100 + "." + String.format("%02d", hundredths % 100);
    }

    /**
     * The floor: COPY of the rows into a new table with account_movement's columns, constraints and
     * indexes (the unique source, the member's index). As the schema's owner, who may create tables.
     */
    private static long copyIntoMovementsTable(DatabaseConnection database, Path file) throws Exception {
        String table = "bench_movement_" + System.nanoTime();
        DatabaseConnection.Login owner = database.migrationLogin();
        try (Connection c = DriverManager.getConnection(database.url(), owner.user(), owner.password())) {
            c.createStatement().execute("create table " + table + " (like account_movement including all)");
            long started = System.nanoTime();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + table
                        + " (psn_no, kind, amount, value_date, source, entry_id, recorded_at) from stdin with (format csv, header true)",
                        reader);
            }
            long elapsed = System.nanoTime() - started;
            c.createStatement().execute("drop table " + table);
            return elapsed;
        }
    }

    /**
     * Every member's individual account opened with the same balance on 31 December 2025, in files
     * of 100,000 members: the openings load holds its file in memory (a one-off take-over from the
     * previous system), and it is not what the benchmarks time.
     */
    static void writeOpenings(Path dir, java.util.List<DemoCity.Member> all, String balance) throws IOException {
        for (int from = 0; from < all.size(); from += 100_000) {
            try (Writer openings = Files.newBufferedWriter(dir.resolve(String.format("account-openings-%03d.csv", from / 100_000)))) {
                openings.write("psn_no,as_of_date,balance\n");
                for (DemoCity.Member m : all.subList(from, Math.min(all.size(), from + 100_000))) {
                    openings.write(m.psnNo() + ",2025-12-31," + balance + "\n");
                }
            }
        }
    }

    /** Loads the files {@link #writeOpenings} wrote. */
    static void loadOpenings(AccountFiles accounts, Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path openings : files.filter(f -> f.getFileName().toString().startsWith("account-openings-")).sorted().toList()) {
                accounts.load(AccountFileKind.ACCOUNT_OPENINGS, openings);
            }
        }
    }
}
