package io.medsettle.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default database keeps its data under var/ between runs, stops cleanly, asks every
 * connection for a password and listens on this machine only.
 */
class EmbeddedDatabaseTest {

    @Test
    void dataSurvivesAStopAndAStartAndASecondProcessSharesTheRunningServer(@TempDir Path root) throws SQLException {
        MedsettleHome home = new MedsettleHome(root);
        try (EmbeddedDatabase first = EmbeddedDatabase.startOrAttach(home)) {
            sql(first.url(), first.migrationLogin(), "create table kept (note text); insert into kept values ('still here')");
            // A second medsettle process on the same home connects to the running server.
            try (EmbeddedDatabase second = EmbeddedDatabase.startOrAttach(home)) {
                assertThat(second.url()).isEqualTo(first.url());
                assertThat(second.describe()).contains("shared");
                assertThat(second.password()).isEqualTo(first.password());
            }
            assertThat(query(first.url(), first.migrationLogin(), "select note from kept")).isEqualTo("still here");
        }
        assertThat(Files.exists(root.resolve("var/pg/data/postmaster.pid"))).as("stopped cleanly").isFalse();
        assertThat(Files.exists(root.resolve("var/pg/owner"))).as("no owner once stopped").isFalse();

        try (EmbeddedDatabase again = EmbeddedDatabase.startOrAttach(home)) {
            assertThat(query(again.url(), again.migrationLogin(), "select note from kept")).isEqualTo("still here");
        }
    }

    @Test
    void everyConnectionNeedsItsPasswordKeptInAPrivateFile(@TempDir Path root) throws Exception {
        MedsettleHome home = new MedsettleHome(root);
        try (EmbeddedDatabase db = EmbeddedDatabase.startOrAttach(home)) {
            assertThat(query(db.url(), new DatabaseConnection.Login(db.user(), db.password()), "select current_user"))
                    .isEqualTo("medsettle_app");
            assertThat(query(db.url(), db.owner().orElseThrow(), "select current_user")).isEqualTo("medsettle_owner");
            for (String user : List.of("medsettle_app", "medsettle_owner", "postgres")) {
                assertRefused(db.url(), user, "");
                assertRefused(db.url(), user, "wrong");
            }
            assertRefused(db.url(), "medsettle_app", db.owner().orElseThrow().password());

            Path secrets = root.resolve("var/pg/secrets.properties");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("var/pg")))).isEqualTo("rwx------");
            assertThat(Files.readString(secrets)).contains("medsettle_app=" + db.password());
            assertThat(query(db.url(), db.superuser(),
                    "select count(*) from pg_hba_file_rules where auth_method <> 'scram-sha-256' or error is not null"))
                    .isEqualTo("0");
            assertThat(query(db.url(), db.superuser(), "show hba_file")).isEqualTo(root.resolve("var/pg/pg_hba.conf").toString());
        }
    }

    /**
     * The collation is chosen, not inherited from the environment the first command ran in: text
     * orders by code point on every machine (a lower-case letter after every capital, a Chinese
     * name by its characters' code points), in UTF-8.
     */
    @Test
    void aNewHomeOrdersTextByCodePointInUtf8(@TempDir Path root) throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.startOrAttach(new MedsettleHome(root))) {
            assertThat(query(db.url(), db.superuser(), """
                    select datlocprovider::text || ' ' || datlocale || ' ' || pg_encoding_to_char(encoding)
                      from pg_database where datname = current_database()""")).isEqualTo("b C.UTF-8 UTF8");
            assertThat(query(db.url(), db.superuser(), """
                    select string_agg(t, ',' order by t) from (values ('b'), ('B'), ('a1'), ('A2'), ('张'), ('王')) v (t)"""))
                    .isEqualTo("A2,B,a1,b,张,王");
        }
    }

    @Test
    void listensOnThisMachineOnlyAndHasItsSocketUnderVar(@TempDir Path root) throws Exception {
        MedsettleHome home = new MedsettleHome(root);
        try (EmbeddedDatabase db = EmbeddedDatabase.startOrAttach(home)) {
            assertThat(query(db.url(), db.superuser(), "show listen_addresses")).isEqualTo("localhost");
            assertThat(query(db.url(), db.superuser(), "show unix_socket_directories"))
                    .isEqualTo(root.resolve("var/pg/run").toString());
            assertThat(root.resolve("var/pg/run/.s.PGSQL." + port(db))).exists();
            for (NetworkInterface network : NetworkInterface.networkInterfaces().toList()) {
                for (InetAddress address : network.inetAddresses().filter(a -> !a.isLoopbackAddress()).toList()) {
                    try (Socket socket = new Socket()) {
                        assertThatThrownBy(() -> socket.connect(new InetSocketAddress(address, port(db)), 2000))
                                .as("connecting on " + address).isInstanceOf(IOException.class);
                    }
                }
            }
        }
    }

    @Test
    void aSocketPathTooLongForTheSystemMeansNoUnixSocket() throws IOException {
        assertThat(EmbeddedDatabase.socketDirectory(Path.of("/" + "deep/".repeat(19) + "run"))).isEmpty();
    }

    /**
     * A data directory from before the roles: trusted connections, every table the superuser's. It
     * gets its roles and passwords, its tables pass to the owner, and the application's role only
     * gets its grants.
     */
    @Test
    void aDataDirectoryFromBeforeTheRolesIsUpgraded(@TempDir Path root) throws Exception {
        Path data = root.resolve("var/pg/data");
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(root.resolve("var/pg/runtime").toFile()).start()) {
            Flyway.configure().dataSource(old.getPostgresDatabase()).locations("classpath:db/migration")
                    .placeholders(Map.of(ApplicationRoleConfiguration.APP_ROLE, "")).load().migrate();
        }

        try (EmbeddedDatabase db = EmbeddedDatabase.startOrAttach(new MedsettleHome(root))) {
            DatabaseConnection.Login owner = db.owner().orElseThrow();
            assertThat(query(db.url(), owner, """
                    select string_agg(distinct pg_get_userbyid(relowner), ',') from pg_class
                     where relnamespace = 'public'::regnamespace""")).isEqualTo("medsettle_owner");
            assertThat(query(db.url(), owner, "select count(*) from pg_proc where pronamespace = 'public'::regnamespace"
                    + " and proowner <> 'medsettle_owner'::regrole")).isEqualTo("0");
            assertThat(Files.readString(data.resolve("pg_hba.conf"))).doesNotContain("trust");
            assertRefused(db.url(), "postgres", "");
            Flyway.configure().dataSource(db.url(), owner.user(), owner.password()).locations("classpath:db/migration")
                    .placeholders(Map.of(ApplicationRoleConfiguration.APP_ROLE, db.user())).load().migrate();
            DatabaseConnection.Login application = new DatabaseConnection.Login(db.user(), db.password());
            sql(db.url(), application, "insert into account (code, name, type, parent_code) values ('2202.H1', 'H1', 'LIABILITY', '2202')");
            assertThatThrownBy(() -> sql(db.url(), application, "delete from account where code = '2202.H1'"))
                    .hasMessageContaining("permission denied");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("var/pg/secrets.properties"))))
                .isEqualTo("rw-------");
    }

    private static int port(DatabaseConnection db) {
        return Integer.parseInt(db.url().replaceAll(".*:(\\d+)/.*", "$1"));
    }

    private static void assertRefused(String url, String user, String password) {
        assertThatThrownBy(() -> DriverManager.getConnection(url, user, password).close())
                .as(user + " with password '" + password + "'")
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isIn("28P01", "08004"));
    }

    private static void sql(String url, DatabaseConnection.Login login, String statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, login.user(), login.password())) {
            c.createStatement().execute(statements);
        }
    }

    private static String query(String url, DatabaseConnection.Login login, String query) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, login.user(), login.password());
             ResultSet rs = c.createStatement().executeQuery(query)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
