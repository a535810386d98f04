package io.medsettle.app;

import io.medsettle.ledger.Money;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Bulk loading with PostgreSQL's {@code COPY ... FROM STDIN}, the fastest way into a table, on the
 * connection of the current Spring transaction, so that a batch chunk's rows commit or roll back
 * with the chunk.
 *
 * <p>Rows are written in COPY's own text format: values separated by tabs, {@code \N} for
 * {@code null}, and in text values a backslash, a tab, a line feed and a carriage return written as
 * backslash escapes. The server reads it faster than CSV (a million settlements in 23.7 s against
 * 26.1 s on the development machine, docs/benchmarks.md), and a value cannot change its meaning in
 * it: every character that the format gives a meaning is escaped.
 *
 * <p>Two ways to send them. {@link #into} buffers rows until {@link #flush()} sends them in one
 * COPY, so that the caller may use the connection for other statements in between.
 * {@link #streaming} opens the COPY with the first rows and sends the next ones as they are made,
 * so that the server stores one part of a large file while the caller reads and checks the next
 * (the two run side by side on two cores instead of taking turns); {@link #flush()} ends it.
 */
public final class PgCopy {

    /** How much a streaming COPY collects before it sends: large enough to keep the socket busy. */
    private static final int STREAM_BATCH_CHARS = 1 << 17;

    private final DataSource dataSource;
    private final String sql;
    private final boolean streams;
    private final StringBuilder buffer = new StringBuilder(1 << 16);
    private long copied;
    private Connection connection;
    private CopyIn open;

    private PgCopy(DataSource dataSource, String table, List<String> columns, boolean streams) {
        this.dataSource = dataSource;
        this.sql = "copy " + table + " (" + String.join(", ", columns) + ") from stdin";
        this.streams = streams;
    }

    /** Rows buffered until {@link #flush()}. */
    public static PgCopy into(DataSource dataSource, String table, List<String> columns) {
        return new PgCopy(dataSource, table, columns, false);
    }

    /** Rows sent while they are made, over one COPY that {@link #flush()} ends. */
    public static PgCopy streaming(DataSource dataSource, String table, List<String> columns) {
        return new PgCopy(dataSource, table, columns, true);
    }

    /** Characters of rows made but not yet sent. */
    public int pendingChars() {
        return buffer.length();
    }

    /** Abandons an open COPY after a failure elsewhere: the server discards its rows. */
    public void cancel() {
        try {
            if (open != null && open.isActive()) {
                open.cancelCopy();
            }
        } catch (SQLException ignored) {
            // The transaction is failing anyway; its rollback discards what was sent.
        } finally {
            open = null;
            release();
        }
    }

    private void send() throws SQLException {
        if (buffer.length() == 0) {
            return;
        }
        if (open == null) {
            connection = DataSourceUtils.getConnection(dataSource);
            open = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        }
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        open.writeToCopy(bytes, 0, bytes.length);
        buffer.setLength(0);
    }

    private void release() {
        if (connection != null) {
            DataSourceUtils.releaseConnection(connection, dataSource);
            connection = null;
        }
    }

    /** Starts the next row; call {@link Row#end()} when its values are in. */
    public Row row() {
        return new Row();
    }

    /** Every row the server has taken so far, over all flushes. */
    public long copied() {
        return copied;
    }

    /**
     * Sends what is left, ends the COPY and returns how many rows the server took in it. The next
     * row starts a new COPY on the same transaction.
     */
    public long flush() {
        try {
            send();
            if (open == null) {
                return 0;
            }
            long taken = open.endCopy();
            copied += taken;
            return taken;
        } catch (SQLException e) {
            throw new IllegalStateException("COPY failed: " + e.getMessage(), e);
        } finally {
            open = null;
            release();
        }
    }

    /**
     * An amount of two decimals as {@link BigDecimal#toPlainString()} writes it, from its unscaled
     * value. Every row of a large load carries some twenty amounts, and {@code toPlainString} was the
     * Java side's largest single cost in the intake's two streamed steps (Java Flight Recorder, issue 13):
     * about a fifth of the load step's samples. Other scales and amounts beyond a {@code long} of
     * fen take the general path.
     */
    static void appendMoney(StringBuilder out, BigDecimal amount) {
        if (amount.scale() != Money.SCALE || amount.precision() > 18) {
            out.append(amount.toPlainString());
            return;
        }
        long fen = amount.unscaledValue().longValue();
        if (fen < 0) {
            out.append('-');
            fen = -fen;
        }
        out.append(fen / 100).append('.');
        appendTwoDigits(out, (int) (fen % 100));
    }

    /** {@code yyyy-MM-dd}, as {@link LocalDate#toString()} writes the years 1000–9999, without its formatting. */
    static void appendDate(StringBuilder out, LocalDate date) {
        int year = date.getYear();
        if (year < 1000 || year > 9999) {
            out.append(date);
            return;
        }
        out.append(year).append('-');
        appendTwoDigits(out, date.getMonthValue());
        out.append('-');
        appendTwoDigits(out, date.getDayOfMonth());
    }

    /**
     * A text value as COPY's text format reads it back unchanged: the backslash, the tab (the
     * separator), the line feed and the carriage return (the end of a row) escaped; every other
     * character stands for itself. Most values have none of them and are appended as they are.
     */
    static void appendEscaped(StringBuilder out, String value) {
        int n = value.length();
        int i = 0;
        while (i < n && !special(value.charAt(i))) {
            i++;
        }
        if (i == n) {
            out.append(value);
            return;
        }
        out.append(value, 0, i);
        for (; i < n; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

    private static boolean special(char c) {
        return c == '\\' || c == '\t' || c == '\n' || c == '\r';
    }

    /** {@code yyyy-MM-dd HH:mm:ss}: to the second, as the tables keep settlement times. */
    static void appendTimestamp(StringBuilder out, LocalDateTime time) {
        appendDate(out, time.toLocalDate());
        out.append(' ');
        appendTwoDigits(out, time.getHour());
        out.append(':');
        appendTwoDigits(out, time.getMinute());
        out.append(':');
        appendTwoDigits(out, time.getSecond());
    }

    private static void appendTwoDigits(StringBuilder out, int value) {
        out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }

    /** One row's values, in the order of the columns. */
    public final class Row {
        private boolean first = true;

        private Row separator() {
            if (!first) {
                buffer.append('\t');
            }
            first = false;
            return this;
        }

        public Row text(String value) {
            separator();
            if (value == null) {
                buffer.append("\\N");
            } else {
                appendEscaped(buffer, value);
            }
            return this;
        }

        public Row number(long value) {
            separator();
            buffer.append(value);
            return this;
        }

        public Row money(Money value) {
            separator();
            if (value == null) {
                buffer.append("\\N");
            } else {
                appendMoney(buffer, value.amount());
            }
            return this;
        }

        public Row decimal(BigDecimal value) {
            separator();
            if (value == null) {
                buffer.append("\\N");
            } else {
                buffer.append(value.toPlainString());
            }
            return this;
        }

        public Row flag(boolean value) {
            separator();
            buffer.append(value ? 't' : 'f');
            return this;
        }

        public Row date(LocalDate value) {
            separator();
            if (value == null) {
                buffer.append("\\N");
            } else {
                appendDate(buffer, value);
            }
            return this;
        }

        public Row timestamp(LocalDateTime value) {
            separator();
            if (value == null) {
                buffer.append("\\N");
            } else {
                appendTimestamp(buffer, value);
            }
            return this;
        }

        public void end() {
            buffer.append('\n');
            if (streams && buffer.length() >= STREAM_BATCH_CHARS) {
                try {
                    send();
                } catch (SQLException e) {
                    throw new IllegalStateException("COPY failed: " + e.getMessage(), e);
                }
            }
        }
    }
}
