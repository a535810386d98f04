package io.medsettle.app;

import java.util.Optional;

/**
 * Where the application's PostgreSQL database is, who connects to it, and who owns the server
 * behind it.
 *
 * <p>Two roles: the application's ({@link #user()}), which owns nothing and may only do what the
 * grants of {@code afterMigrate.sql} allow, and the schema's {@linkplain #owner() owner}, which
 * runs the migrations. Without an owner the application's user runs them and owns the schema.
 */
public interface DatabaseConnection extends AutoCloseable {

    String url();

    /** The application's role. */
    String user();

    String password();

    /** The role that owns the schema and runs the migrations, when it is not {@link #user()}. */
    Optional<Login> owner();

    /** A short description for the operator, without the password. */
    String describe();

    /** Stops the server if this process started it; does nothing for an external one. */
    @Override
    void close();

    /** The login that runs the migrations: the owner's, or the application's when there is no owner. */
    default Login migrationLogin() {
        return owner().orElse(new Login(user(), password()));
    }

    /** A role and its password. */
    record Login(String user, String password) {

        @Override
        public String toString() {
            return "Login[" + user + "]";
        }
    }

    static DatabaseConnection external(String url, String user, String password, String ownerUser, String ownerPassword) {
        Optional<Login> owner = ownerUser == null || ownerUser.isBlank() || ownerUser.equals(user)
                ? Optional.empty()
                : Optional.of(new Login(ownerUser, ownerPassword == null ? "" : ownerPassword));
        return new External(url, user == null ? "" : user, password == null ? "" : password, owner);
    }

    record External(String url, String user, String password, Optional<Login> owner) implements DatabaseConnection {

        @Override
        public String describe() {
            return "PostgreSQL at " + url;
        }

        @Override
        public void close() {
            // The server belongs to someone else.
        }

        @Override
        public String toString() {
            return "External[" + url + ", user=" + user + owner.map(o -> ", owner=" + o.user()).orElse("") + "]";
        }
    }
}
