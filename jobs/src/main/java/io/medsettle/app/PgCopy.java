package io.medsettle.app;

import io.medsettle.ledger.Money;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Bulk loading with PostgreSQL's {@code COPY ... FROM STDIN}, the fastest way into a table, on the
 * connection of the current Spring transaction, so that a batch chunk's rows commit or roll back
 * with the chunk.
 *
 * <p>Rows are written as CSV text: a {@link Row} appends typed values, with {@code null} as an
 * unquoted empty field (COPY's NULL in CSV format) and every text value quoted.
 */
public final class PgCopy {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final DataSource dataSource;
    private final String sql;
    private final StringBuilder buffer = new StringBuilder(1 << 16);
    private long rows;
    private long copied;

    private PgCopy(DataSource dataSource, String table, List<String> columns) {
        this.dataSource = dataSource;
        this.sql = "copy " + table + " (" + String.join(", ", columns) + ") from stdin with (format csv)";
    }

    public static PgCopy into(DataSource dataSource, String table, List<String> columns) {
        return new PgCopy(dataSource, table, columns);
    }

    /** Starts the next row; call {@link Row#end()} when its values are in. */
    public Row row() {
        return new Row();
    }

    /** Every row the server has taken so far, over all flushes. */
    public long copied() {
        return copied;
    }

    /** Sends the buffered rows in one COPY and returns how many the server took. */
    public long flush() {
        if (rows == 0) {
            return 0;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            long copied = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn(sql, new StringReader(buffer.toString()));
            buffer.setLength(0);
            rows = 0;
            this.copied += copied;
            return copied;
        } catch (SQLException e) {
            throw new IllegalStateException("COPY failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** One row's values, in the order of the columns. */
    public final class Row {
        private boolean first = true;

        private Row separator() {
            if (!first) {
                buffer.append(',');
            }
            first = false;
            return this;
        }

        public Row text(String value) {
            separator();
            if (value != null) {
                buffer.append('"');
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    if (c == '"') {
                        buffer.append('"');
                    }
                    buffer.append(c);
                }
                buffer.append('"');
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
            if (value != null) {
                buffer.append(value.amount().toPlainString());
            }
            return this;
        }

        public Row decimal(BigDecimal value) {
            separator();
            if (value != null) {
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
            if (value != null) {
                buffer.append(value);
            }
            return this;
        }

        public Row timestamp(LocalDateTime value) {
            separator();
            if (value != null) {
                buffer.append(TIMESTAMP.format(value));
            }
            return this;
        }

        public void end() {
            buffer.append('\n');
            rows++;
        }
    }
}
