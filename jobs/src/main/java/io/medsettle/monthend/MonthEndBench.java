package io.medsettle.monthend;

import io.medsettle.app.Application;
import io.medsettle.app.MedsettleProperties;
import io.medsettle.bench.Heap;
import io.medsettle.cli.ConsoleTable;
import io.medsettle.runs.JobRuns;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The month-end case of {@code bench} (issue 13, item 4): a city of {@code institutions}
 * institutions and one period of {@code rows} settlements written into the tables as the intake
 * leaves them ({@link BenchPeriod}, not timed), then the month-end's preview and approval of that
 * period, statements included, each timed step by step from Spring Batch's step executions, with
 * the peak heap of each. The period is approved and closed for good: run it in a home of its own.
 */
public final class MonthEndBench {

    /** A month that has ended, whose settlement day has come. */
    private static final YearMonth PERIOD = YearMonth.of(2026, 3);

    private final PrintWriter out;
    private final Path dir;
    private final long rows;
    private final int institutions;
    private final int members;

    public MonthEndBench(PrintWriter out, Path dir, long rows, int institutions, int members) {
        this.out = out;
        this.dir = dir;
        this.rows = rows;
        this.institutions = institutions;
        this.members = members;
    }

    public int run(Application app) throws IOException {
        JdbcClient jdbc = app.bean(JdbcClient.class);
        if (jdbc.sql("select exists (select 1 from settlement where period = ?)").param(PERIOD.toString())
                .query(Boolean.class).single()) {
            throw new IllegalStateException("this home already holds settlements of " + PERIOD
                    + ": run the month-end bench in a home of its own (docs/benchmarks.md)");
        }
        long started = System.nanoTime();
        BenchPeriod.Written city = new BenchPeriod(app, dir, PERIOD, institutions, members, rows, System.nanoTime()).write();
        out.printf("%,d settlements of %s (%,d revised, %,d cancelled), %,d account movements, %,d institutions, "
                        + "%,d members, control total %s: written in %.1f s (not timed)%n",
                city.settlements(), PERIOD, city.revisions(), city.cancellations(), city.accountMovements(),
                city.institutions(), city.members(), city.controlTotal(), (System.nanoTime() - started) / 1e9);

        MonthEnd monthEnd = app.bean(MonthEnd.class);
        Path statements = app.bean(MedsettleProperties.class).out();
        ConsoleTable steps = ConsoleTable.of("运行", "步骤", "秒>", "写>", "峰值堆 MB>");
        ConsoleTable totals = ConsoleTable.of("运行", "机构>", "结算笔数>", "秒>", "文件>", "MB>", "峰值堆 MB>");
        for (MonthEnd.Mode mode : MonthEnd.Mode.values()) {
            Heap.resetPeaks();
            long begun = System.nanoTime();
            MonthEnd.Outcome outcome = monthEnd.run(PERIOD, mode, JobRuns.Trigger.MANUAL);
            long nanos = System.nanoTime() - begun;
            long heap = Heap.peakMegabytes();
            String run = mode.parameter();
            jdbc.sql("""
                            select s.step_name, extract(epoch from s.end_time - s.start_time), s.write_count
                              from batch_step_execution s
                             where s.job_execution_id = (select max(e.job_execution_id) from batch_job_execution e
                                                           join batch_job_instance i on i.job_instance_id = e.job_instance_id
                                                          where i.job_name = ?)
                             order by s.step_execution_id""")
                    .param(MonthEnd.JOB_NAME)
                    .query((rs, n) -> steps.row(run, rs.getString(1), String.format("%.1f", rs.getDouble(2)), rs.getLong(3), ""))
                    .list();
            steps.row(run, "(job, as the command sees it)", String.format("%.1f", nanos / 1e9), "", heap);
            List<Path> files = files(outcome.statements());
            long bytes = 0;
            for (Path file : files) {
                bytes += Files.size(file);
            }
            long settled = jdbc.sql("select count(*) from settled_line where run_id = ?").param(outcome.runId())
                    .query(Long.class).single();
            totals.row(run, outcome.lines().size(), settled, String.format("%.1f", nanos / 1e9), files.size(),
                    String.format("%.1f", bytes / 1048576.0), heap);
        }
        out.println();
        steps.print(out);
        out.println();
        totals.print(out);
        out.printf("statements under %s%n", statements.resolve(PERIOD.toString()));
        return 0;
    }

    /** The run's statement files (a preview's folder is inside the approved run's: only files directly in it). */
    private static List<Path> files(Path folder) throws IOException {
        try (var list = Files.list(folder)) {
            return list.filter(Files::isRegularFile).toList();
        }
    }
}
