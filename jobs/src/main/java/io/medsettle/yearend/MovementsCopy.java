package io.medsettle.yearend;

import io.medsettle.accounts.AccountMovement;
import io.medsettle.accounts.MovementBuffer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.function.BiConsumer;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Every account's movements up to a day, account after account, each account's in value-date order,
 * read with {@code COPY … TO STDOUT} on a connection of its own.
 *
 * <p>Why not a JDBC cursor: the year-end reads fifteen million movements this way, and a result set
 * makes several objects of every value (strings, a {@code BigDecimal}, a date through the driver's
 * parser). COPY sends each row as one message of text, which is read here as bytes: the member
 * number is compared with the previous row's bytes and made a string once per account, the amount
 * ({@code numeric(14,2)}, always two decimals) and the date (ISO, which the driver asks for) are read
 * digit by digit into a {@link MovementBuffer}, numbers only. The server writes the next rows while
 * this side computes, on the other core.
 */
final class MovementsCopy {

    private final DataSource dataSource;
    private final String snapshot;

    /** Reads what is committed when each read starts. */
    MovementsCopy(DataSource dataSource) {
        this(dataSource, null);
    }

    /**
     * Reads what a transaction sees: {@code snapshot} is its {@code pg_export_snapshot()}, and that
     * transaction must stay open until the read has started.
     */
    MovementsCopy(DataSource dataSource, String snapshot) {
        this.dataSource = dataSource;
        this.snapshot = snapshot;
    }

    /**
     * Hands every account with a movement on or before {@code through} to the handler, with those
     * movements (each account's before the next account's are read); returns how many were read. The
     * buffer is the handler's only during the call: it is refilled with the next account's movements.
     */
    long forEachAccount(LocalDate through, Runnable perMovement, BiConsumer<String, MovementBuffer> handler) throws SQLException {
        return forEachAccount(MemberRange.ALL, through, perMovement, handler);
    }

    /** As {@link #forEachAccount(LocalDate, Runnable, BiConsumer)}, for the accounts of a range of members. */
    long forEachAccount(MemberRange members, LocalDate through, Runnable perMovement, BiConsumer<String, MovementBuffer> handler)
            throws SQLException {
        String sql = "copy (select psn_no, value_date, amount, kind from account_movement where value_date <= '" + through
                + "'::date" + members.condition() + " order by psn_no, value_date) to stdout";
        Connection connection = dataSource.getConnection();
        boolean finished = false;
        try {
            if (snapshot != null) {
                // SET TRANSACTION SNAPSHOT must be the first statement of a repeatable-read transaction.
                connection.setAutoCommit(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("set transaction snapshot '" + snapshot.replace("'", "''") + "'");
                }
            }
            CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
            long movements = read(copy, perMovement, handler);
            if (snapshot != null) {
                connection.rollback();
            }
            finished = true;
            return movements;
        } finally {
            if (!finished) {
                discard(connection);
            }
            connection.close();
        }
    }

    /**
     * A connection whose COPY stopped half-way is closed, not given back to the pool. The driver's
     * {@code cancelCopy} asks the server to cancel, and when the server has already sent everything the
     * cancel may hit the next statement on the connection instead: tried, and the pool's next user got
     * "No results were returned by the query".
     */
    private void discard(Connection connection) {
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                dataSource.unwrap(HikariDataSource.class).evictConnection(connection);
            } else {
                connection.abort(Runnable::run);
            }
        } catch (SQLException | RuntimeException closingAnyway) {
            // The connection is being given up already; what matters is the failure that got us here.
        }
    }

    private static long read(CopyOut copy, Runnable perMovement, BiConsumer<String, MovementBuffer> handler) throws SQLException {
        long movements = 0;
        byte[] current = null;
        int currentLength = 0;
        // One buffer for every account of the read, refilled: no object per movement (see MovementBuffer).
        MovementBuffer account = new MovementBuffer();
        for (byte[] row = copy.readFromCopy(); ; row = copy.readFromCopy()) {
            int psnEnd = row == null ? -1 : indexOf(row, (byte) '\t', 0);
            if (current != null && (row == null || !Arrays.equals(current, 0, currentLength, row, 0, psnEnd))) {
                handler.accept(text(current, 0, currentLength), account);
                account.clear();
            }
            if (row == null) {
                return movements;
            }
            if (current == null || account.isEmpty()) {
                current = row;
                currentLength = psnEnd;
            }
            int dateEnd = indexOf(row, (byte) '\t', psnEnd + 1);
            int amountEnd = indexOf(row, (byte) '\t', dateEnd + 1);
            account.add(kind(row, amountEnd + 1), epochDay(row, psnEnd + 1), fen(row, dateEnd + 1, amountEnd));
            movements++;
            perMovement.run();
        }
    }

    private static int indexOf(byte[] row, byte b, int from) {
        for (int i = from; i < row.length; i++) {
            if (row[i] == b) {
                return i;
            }
        }
        throw new IllegalStateException("a movement row of the sub-ledger has fewer columns than asked for: "
                + new String(row, StandardCharsets.UTF_8));
    }

    /** An ISO date, yyyy-mm-dd, as {@link LocalDate#toEpochDay()}. */
    private static long epochDay(byte[] row, int at) {
        return LocalDate.of(digits(row, at, at + 4), digits(row, at + 5, at + 7), digits(row, at + 8, at + 10)).toEpochDay();
    }

    private static int digits(byte[] row, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = row[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new IllegalStateException("not a date of the sub-ledger: " + new String(row, StandardCharsets.UTF_8));
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** A {@code numeric(14,2)} as PostgreSQL writes it (an optional minus, digits, a point, two digits), in fen. */
    private static long fen(byte[] row, int from, int to) {
        boolean negative = row[from] == '-';
        long fen = 0;
        for (int i = negative ? from + 1 : from; i < to; i++) {
            if (row[i] != '.') {
                int digit = row[i] - '0';
                if (digit < 0 || digit > 9) {
                    throw new IllegalStateException("not an amount of the sub-ledger: " + new String(row, StandardCharsets.UTF_8));
                }
                fen = fen * 10 + digit;
            }
        }
        if (to - from < 4 || row[to - 3] != '.') {
            throw new IllegalStateException("not an amount with two decimals: " + new String(row, StandardCharsets.UTF_8));
        }
        return negative ? -fen : fen;
    }

    /** The movement's kind, as the sub-ledger stores it in lower case; each begins with a letter of its own. */
    private static AccountMovement.Kind kind(byte[] row, int at) {
        AccountMovement.Kind kind = switch (row[at]) {
            case 'o' -> AccountMovement.Kind.OPENING;
            case 'a' -> AccountMovement.Kind.ALLOCATION;
            case 's' -> AccountMovement.Kind.SPENDING;
            case 'r' -> AccountMovement.Kind.REFUND;
            case 'i' -> AccountMovement.Kind.INTEREST;
            case 't' -> AccountMovement.Kind.TRANSFER_IN;
            case 'p' -> AccountMovement.Kind.PAID_OUT;
            default -> null;
        };
        int end = row.length > at && row[row.length - 1] == '\n' ? row.length - 1 : row.length;
        String name = new String(row, at, end - at, StandardCharsets.US_ASCII);
        if (kind == null || !kind.name().equalsIgnoreCase(name)) {
            throw new IllegalStateException("not a kind of movement: " + name);
        }
        return kind;
    }

    /**
     * A text column as COPY writes it: UTF-8, with a backslash before a backslash and the control
     * characters it escapes. Member numbers are letters and digits, so the escapes never come, but a
     * value is read right whatever it holds.
     */
    static String text(byte[] row, int from, int to) {
        int slash = -1;
        for (int i = from; i < to && slash < 0; i++) {
            if (row[i] == '\\') {
                slash = i;
            }
        }
        if (slash < 0) {
            return new String(row, from, to - from, StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            if (row[i] != '\\' || i + 1 == to) {
                out.write(row[i]);
                continue;
            }
            byte next = row[++i];
            out.write(switch (next) {
                case 'b' -> '\b';
                case 'f' -> '\f';
                case 'n' -> '\n';
                case 'r' -> '\r';
                case 't' -> '\t';
                case 'v' -> 0x0B;
                default -> next;
            });
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
