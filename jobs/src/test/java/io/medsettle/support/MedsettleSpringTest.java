package io.medsettle.support;

import io.medsettle.MedsettleApplication;
import io.medsettle.testdb.PostgresTestDatabase;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a real PostgreSQL: each Spring context gets a new, empty database, and
 * the application's own Flyway migrations build the schema, as in production.
 */
@SpringBootTest(classes = MedsettleApplication.class)
public abstract class MedsettleSpringTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        PostgresTestDatabase.Database db = PostgresTestDatabase.emptyDatabase();
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
        registry.add("medsettle.policies-dir", () -> Path.of("../config/policies").toAbsolutePath().normalize().toString());
        registry.add("medsettle.home", () -> HOME.toString());
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
