package io.medsettle.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.MedsettleApplication;
import io.medsettle.ledger.Ledger;
import io.medsettle.testdb.PostgresTestDatabase;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The application starts on an empty database and Flyway builds the whole schema. */
@SpringBootTest(classes = MedsettleApplication.class)
class ApplicationContextTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.Database db = PostgresTestDatabase.emptyDatabase();
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
        registry.add("spring.flyway.user", db::ownerUser);
        registry.add("spring.flyway.password", db::ownerPassword);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JobRepository jobRepository;

    @Autowired
    Ledger ledger;

    @Test
    void flywayOwnsTheLedgerBatchAndQuartzTables() {
        List<String> tables = jdbc.queryForList(
                "select table_name from information_schema.tables where table_schema = 'public'", String.class);

        assertThat(tables).contains("journal_entry", "posting", "account", "accounting_period",
                "batch_job_instance", "batch_step_execution_context", "qrtz_job_details", "qrtz_locks",
                "flyway_schema_history");
        assertThat(jobRepository).isNotNull();
        assertThat(ledger.account(io.medsettle.ledger.ChartOfAccounts.POOLED_FUND)).isPresent();
    }
}
