package io.medsettle.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medsettle.support.MedsettleSpringTest;

import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A command skips Flyway only when running it would change nothing: the same migrations and
 * placeholders as the run recorded, on a catalogue as that run left it; anything changed by hand
 * brings the full run back, which puts it right and records again.
 */
class CurrentSchemaTest extends MedsettleSpringTest {

    @Autowired
    Flyway flyway;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    FlywayMigrationStrategy strategy;

    private String fingerprint() {
        return CurrentSchema.fingerprint(flyway.getConfiguration()).orElseThrow();
    }

    @Test
    void theStartRecordedItsRunAndTheSchemaIsCurrent() {
        assertThat(fingerprint()).hasSize(64).isEqualTo(fingerprint());
        assertThat(CurrentSchema.isCurrent(dataSource, fingerprint())).isTrue();
        // The application's role reads the record and cannot write it.
        assertThatThrownBy(() -> jdbc.update("update medsettle_schema_state set migrations = 'forged'"))
                .hasStackTraceContaining("permission denied for table medsettle_schema_state");
    }

    @Test
    void otherMigrationsOrPlaceholdersAreNotCurrent() {
        assertThat(CurrentSchema.isCurrent(dataSource, "0".repeat(64))).isFalse();
        Flyway otherRole = Flyway.configure().configuration(flyway.getConfiguration())
                .placeholders(Map.of(ApplicationRoleConfiguration.APP_ROLE, "someone_else")).load();
        assertThat(CurrentSchema.fingerprint(otherRole.getConfiguration())).get().isNotEqualTo(fingerprint());
    }

    @Test
    void aGrantChangedByHandIsPutRightByTheNextStart() {
        String application = jdbc.queryForObject("select current_user", String.class);
        ownerJdbc().execute("grant delete on journal_entry to " + application);
        try {
            assertThat(CurrentSchema.isCurrent(dataSource, fingerprint())).isFalse();

            strategy.migrate(flyway);

            assertThat(jdbc.queryForObject("select has_table_privilege('journal_entry', 'delete')", Boolean.class)).isFalse();
            assertThat(CurrentSchema.isCurrent(dataSource, fingerprint())).isTrue();
        } finally {
            ownerJdbc().execute("revoke delete on journal_entry from " + application);
        }
    }

    @Test
    void aHistoryChangedByHandIsNotCurrent() {
        ownerJdbc().update("update flyway_schema_history set checksum = checksum + 1 where version = '1'");
        try {
            assertThat(CurrentSchema.isCurrent(dataSource, fingerprint())).isFalse();
        } finally {
            ownerJdbc().update("update flyway_schema_history set checksum = checksum - 1 where version = '1'");
        }
        assertThat(CurrentSchema.isCurrent(dataSource, fingerprint())).isTrue();
    }

    @Test
    void aDatabaseWithoutTheRecordIsNotCurrent() {
        assertThat(CurrentSchema.isCurrent(new org.springframework.jdbc.datasource.DriverManagerDataSource(
                "jdbc:postgresql://localhost:1/none"), fingerprint())).isFalse();
    }
}
