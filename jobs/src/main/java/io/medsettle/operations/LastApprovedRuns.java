package io.medsettle.operations;

import java.time.OffsetDateTime;
import java.util.Optional;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The last approved month-end and year-end, as gauges: the period ({@code yyyyMM}) or year, and when
 * it was approved (epoch seconds). Read from the database at each scrape, so that they are right
 * whichever process approved (the schedule, the console, {@code month-end --approve}) and from the
 * first scrape after a restart. An alert such as "last month is not approved by the 15th" reads them.
 * Zero while none is approved.
 *
 * <p>Each reading is one row found through the unique index on approved runs; a scrape costs four.
 */
@Component
class LastApprovedRuns implements MeterBinder {

    private final JdbcClient jdbc;

    LastApprovedRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An approved run: its period as a number ({@code 202503}, or the year {@code 2025}) and its approval. */
    record Approved(long period, OffsetDateTime approvedAt) {
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("medsettle.month_end.last_approved.period", this, runs -> runs.monthEnd().map(Approved::period).orElse(0L))
                .description("The last approved month-end's period, as yyyyMM").register(registry);
        Gauge.builder("medsettle.month_end.last_approved.timestamp", this, runs -> epochSeconds(runs.monthEnd()))
                .description("When the last approved month-end (by period) was approved").baseUnit("seconds")
                .register(registry);
        Gauge.builder("medsettle.year_end.last_approved.year", this, runs -> runs.yearEnd().map(Approved::period).orElse(0L))
                .description("The last approved year-end's year").register(registry);
        Gauge.builder("medsettle.year_end.last_approved.timestamp", this, runs -> epochSeconds(runs.yearEnd()))
                .description("When the last approved year-end (by year) was approved").baseUnit("seconds")
                .register(registry);
    }

    Optional<Approved> monthEnd() {
        return jdbc.sql("""
                        select replace(period, '-', '')::bigint, approved_at from month_end_run
                         where status = 'APPROVED' order by period desc limit 1""")
                .query((rs, row) -> new Approved(rs.getLong(1), rs.getObject(2, OffsetDateTime.class))).optional();
    }

    Optional<Approved> yearEnd() {
        return jdbc.sql("select year, approved_at from year_end_run where status = 'APPROVED' order by year desc limit 1")
                .query((rs, row) -> new Approved(rs.getLong(1), rs.getObject(2, OffsetDateTime.class))).optional();
    }

    private static double epochSeconds(Optional<Approved> run) {
        return run.map(Approved::approvedAt).map(at -> at.toInstant().toEpochMilli() / 1000.0).orElse(0.0);
    }
}
