package io.medsettle.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.app.Application;
import io.medsettle.intake.DischargeIntake;
import io.medsettle.support.InProcessCommands;
import io.medsettle.testdb.PostgresTestDatabase;

import java.nio.file.Path;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.web.context.support.StandardServletEnvironment;

/**
 * Every command but {@code serve} starts as before: no actuator, no health contributors, no meter
 * binders, no observations; only an in-memory meter registry that nobody reads, for the code that
 * counts. {@code serve} (a web environment) gets all of it.
 */
class CommandsWithoutMonitoringTest {

    private static final String[] CANDIDATES = {
            "org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration",
            "org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.jvm.JvmMetricsAutoConfiguration",
            "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration",
            "org.springframework.boot.batch.autoconfigure.observation.BatchObservationAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
            "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
            "org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration",
            "org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration",
            null};

    @Test
    void aCommandLeavesMonitoringOutAndServeKeepsAll() {
        CommandsWithoutMonitoring filter = new CommandsWithoutMonitoring();
        filter.setEnvironment(new StandardEnvironment());
        assertThat(filter.match(CANDIDATES, null))
                .containsExactly(false, false, false, false, false, false, false, true, true, true, true, true, true);
        filter.setEnvironment(new StandardServletEnvironment());
        assertThat(filter.match(CANDIDATES, null)).doesNotContain(false);
    }

    @Test
    void aCommandsApplicationHasARegistryButNoEndpointsBindersOrObservations(@TempDir Path home) throws Exception {
        PostgresTestDatabase.Database db = PostgresTestDatabase.emptyDatabase();
        InProcessCommands.withHome(home, () -> {
            try (Application app = Application.start(new Application.Settings(db.url(), db.user(), db.password(),
                    db.ownerUser(), db.ownerPassword(), null, false))) {
                assertThat(app.context().getBeanNamesForType(MeterRegistry.class)).containsExactly("simpleMeterRegistry");
                assertThat(app.context().getBeanNamesForType(ObservationRegistry.class)).isEmpty();
                assertThat(app.context().getBeanNamesForType(HealthContributor.class)).isEmpty();
                assertThat(app.context().getBeanDefinitionNames()).noneMatch(name -> name.contains(".actuate."));
                assertThat(app.bean(DischargeIntake.class)).isNotNull();
            }
        });
    }
}
