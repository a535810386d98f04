package io.medsettle.support;

import io.medsettle.MedsettleApplication;
import io.medsettle.testdb.PostgresTestDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a real PostgreSQL: each Spring context gets a new, empty database, and
 * the application's own Flyway migrations build the schema, as in production: as the schema's
 * owner, while the application connects as its own role with only the grants of
 * {@code afterMigrate.sql}. Every Spring test so shows that those grants are enough.
 */
@SpringBootTest(classes = MedsettleApplication.class)
public abstract class MedsettleSpringTest {

    /**
     * A new database and the application's settings for it. A test that needs other settings (a
     * policies directory of its own) does not extend this class but calls this method from its own
     * {@code @DynamicPropertySource} and registers its settings after it.
     */
    @DynamicPropertySource
    public static void database(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.Database db = PostgresTestDatabase.emptyDatabase();
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
        registry.add("spring.flyway.user", db::ownerUser);
        registry.add("spring.flyway.password", db::ownerPassword);
        registry.add("medsettle.policies-dir", () -> Path.of("../config/policies").toAbsolutePath().normalize().toString());
        registry.add("medsettle.home", () -> HOME.toString());
    }

    @Autowired
    private Environment environment;

    /**
     * The schema owner's connection, for tests of the database's own guards: they hold even
     * against the owner, who has every privilege the application's role lacks.
     */
    protected JdbcTemplate ownerJdbc() {
        return new JdbcTemplate(new DriverManagerDataSource(environment.getRequiredProperty("spring.datasource.url"),
                environment.getRequiredProperty("spring.flyway.user"), environment.getRequiredProperty("spring.flyway.password")));
    }

    /** Where a test context writes its statements and reports. */
    protected static final Path HOME = createHome();

    private static Path createHome() {
        try {
            return Files.createTempDirectory("medsettle-home");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
