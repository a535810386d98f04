package io.medsettle.app;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Comparator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;

/**
 * Where a command's start went, on standard error, when asked with {@code
 * -Dmedsettle.startup.report=true} (for instance through {@code MEDSETTLE_JAVA_OPTS}): the JVM's
 * time before the application started, the database's start or attach, the Spring context's
 * refresh and its slowest beans. It is how the breakdown in docs/benchmarks.md ("Commands that
 * answer at once") was taken; without the property it records nothing and costs nothing.
 */
final class StartupReport {

    private static final int SLOWEST_BEANS = 15;

    private final BufferingApplicationStartup startup;

    private StartupReport(BufferingApplicationStartup startup) {
        this.startup = startup;
    }

    static StartupReport requested() {
        return new StartupReport(Boolean.getBoolean("medsettle.startup.report") ? new BufferingApplicationStartup(100_000) : null);
    }

    void attach(SpringApplication app) {
        if (startup != null) {
            app.setApplicationStartup(startup);
        }
    }

    /** Prints the report; {@code started} and {@code databaseReady} are {@link System#nanoTime()} readings. */
    void print(long started, long databaseReady) {
        if (startup == null) {
            return;
        }
        long now = System.nanoTime();
        long beforeStart = ManagementFactory.getRuntimeMXBean().getUptime() - (now - started) / 1_000_000;
        System.err.printf("startup: JVM and command line %d ms, database %d ms, checks and Spring context %d ms%n",
                beforeStart, (databaseReady - started) / 1_000_000, (now - databaseReady) / 1_000_000);
        startup.getBufferedTimeline().getEvents().stream()
                .filter(e -> !e.getStartupStep().getName().equals("spring.beans.instantiate"))
                .filter(e -> e.getDuration().compareTo(Duration.ofMillis(50)) > 0)
                .forEach(e -> System.err.printf("startup: %6d ms %s%n", e.getDuration().toMillis(), e.getStartupStep().getName()));
        // A bean's time includes the beans it needed first (Flyway's, before the first DataSource user).
        startup.getBufferedTimeline().getEvents().stream()
                .filter(e -> e.getStartupStep().getName().equals("spring.beans.instantiate"))
                .sorted(Comparator.comparing(TimelineEvent::getDuration).reversed())
                .limit(SLOWEST_BEANS)
                .forEach(e -> System.err.printf("startup: %6d ms bean %s%n", e.getDuration().toMillis(),
                        e.getStartupStep().getTags().iterator().next().getValue()));
    }
}
