package io.medsettle.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.support.DatabaseOptions;
import io.medsettle.support.InProcessCommands;
import io.medsettle.testdb.PostgresTestDatabase;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./medsettle user}: a first password printed once and stored hashed; the usual exit codes
 * (0 done, 1 refused with the reason, 2 wrong usage).
 */
class UserCommandTest {

    @Test
    void addsDisablesResetsAndListsUsersWithTheUsualExitCodes(@TempDir Path home) throws Exception {
        Files.createSymbolicLink(home.resolve("config"), Path.of("../config").toAbsolutePath().normalize());
        PostgresTestDatabase.Database db = PostgresTestDatabase.emptyDatabase();
        InProcessCommands.withHome(home, () -> {
            StringWriter added = new StringWriter();
            assertThat(InProcessCommands.execute(added, DatabaseOptions.with(db, "user", "add", "chief", "--role", "admin"))).isZero();
            String password = added.toString().replaceAll("(?s).*first password: (\\S+).*", "$1");
            assertThat(password).hasSize(16);
            try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
                 ResultSet rs = c.createStatement().executeQuery("select password_hash, must_change_password from app_user")) {
                rs.next();
                assertThat(rs.getString(1)).startsWith("{bcrypt}").doesNotContain(password);
                assertThat(rs.getBoolean(2)).isTrue();
            }

            StringWriter again = new StringWriter();
            assertThat(InProcessCommands.execute(again, DatabaseOptions.with(db, "user", "add", "chief", "--role", "admin"))).isEqualTo(1);
            assertThat(again.toString()).contains("a user named chief exists already").contains("用户 chief 已存在");
            StringWriter hospital = new StringWriter();
            assertThat(InProcessCommands.execute(hospital, DatabaseOptions.with(db, "user", "add", "h1", "--role", "hospital"))).isEqualTo(1);
            assertThat(hospital.toString()).contains("needs --institution");
            StringWriter unknown = new StringWriter();
            assertThat(InProcessCommands.execute(unknown, DatabaseOptions.with(db, "user", "add", "h1", "--role", "hospital",
                    "--institution", "NOSUCH"))).isEqualTo(1);
            assertThat(unknown.toString()).contains("no institution NOSUCH");
            assertThat(InProcessCommands.execute(new StringWriter(), "user", "add", "x", "--role", "boss")).as("usage").isEqualTo(2);
            assertThat(InProcessCommands.execute(new StringWriter(), "user", "add", "../x", "--role", "admin")).as("usage").isEqualTo(2);
            assertThat(InProcessCommands.execute(new StringWriter(), "user", "remove", "x")).as("usage").isEqualTo(2);

            assertThat(InProcessCommands.execute(new StringWriter(), DatabaseOptions.with(db, "user", "disable", "chief"))).isZero();
            StringWriter list = new StringWriter();
            assertThat(InProcessCommands.execute(list, DatabaseOptions.with(db, "user", "list"))).isZero();
            assertThat(list.toString()).contains("chief").contains("admin").contains("disabled");
            StringWriter reset = new StringWriter();
            assertThat(InProcessCommands.execute(reset, DatabaseOptions.with(db, "user", "reset", "chief"))).isZero();
            assertThat(reset.toString()).containsPattern("new first password: \\S{16}");
            assertThat(InProcessCommands.execute(new StringWriter(), DatabaseOptions.with(db, "user", "reset", "nobody"))).isEqualTo(1);
            StringWriter audit = new StringWriter();
            assertThat(InProcessCommands.execute(audit, DatabaseOptions.with(db, "audit", "--since", "2000-01-01"))).isZero();
            assertThat(audit.toString()).contains("user-add").contains("user-disable").contains("user-reset").contains("chief");
            assertThat(InProcessCommands.execute(new StringWriter(), "audit", "--since", "yesterday")).as("usage").isEqualTo(2);
            StringWriter token = new StringWriter();
            assertThat(InProcessCommands.execute(token, DatabaseOptions.with(db, "token", "add", "--institution", "NOSUCH")))
                    .isEqualTo(1);
            assertThat(token.toString()).contains("no institution NOSUCH");
            assertThat(InProcessCommands.execute(new StringWriter(), "token", "add")).as("usage").isEqualTo(2);
            assertThat(InProcessCommands.execute(new StringWriter(), "token", "revoke")).as("usage").isEqualTo(2);
        });
    }
}
