package io.medsettle.support;

import io.medsettle.testdb.PostgresTestDatabase;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The command-line options that point a command at a test database, as an operator points it at an
 * external server: the application's role, and the owner that applies the migrations.
 */
public final class DatabaseOptions {

    private DatabaseOptions() {
    }

    public static List<String> of(PostgresTestDatabase.Database db) {
        return List.of("--db-url", db.url(), "--db-user", db.user(), "--db-password", db.password(),
                "--db-owner-user", db.ownerUser(), "--db-owner-password", db.ownerPassword());
    }

    /** The command's own arguments followed by the database options. */
    public static String[] with(PostgresTestDatabase.Database db, String... args) {
        return Stream.concat(Arrays.stream(args), of(db).stream()).toArray(String[]::new);
    }
}
