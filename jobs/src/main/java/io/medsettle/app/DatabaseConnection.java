package io.medsettle.app;

/** Where the application's PostgreSQL database is, and who owns the server behind it. */
public interface DatabaseConnection extends AutoCloseable {

    String url();

    String user();

    String password();

    /** A short description for the operator, without the password. */
    String describe();

    /** Stops the server if this process started it; does nothing for an external one. */
    @Override
    void close();

    static DatabaseConnection external(String url, String user, String password) {
        return new External(url, user == null ? "" : user, password == null ? "" : password);
    }

    record External(String url, String user, String password) implements DatabaseConnection {

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
            return "External[" + url + ", user=" + user + "]";
        }
    }
}
