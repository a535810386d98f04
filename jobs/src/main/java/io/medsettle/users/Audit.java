package io.medsettle.users;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The console's audit trail: every login (and failed one), upload, preview, approval and download,
 * with the user, the time and the address. Append-only in the database (a trigger refuses changes).
 */
@Repository
public class Audit {

    /** One event as stored. */
    public record Event(Instant at, String user, String address, String action, String detail) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    Audit(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(String user, String address, String action, String detail) {
        jdbc.sql("insert into audit_event (at, user_name, address, action, detail) values (?, ?, ?, ?, ?)")
                .params(Timestamp.from(clock.instant()), user, address, action,
                        detail == null ? null : detail.substring(0, Math.min(detail.length(), 500)))
                .update();
    }

    public List<Event> since(Instant from) {
        return jdbc.sql("""
                        select at, user_name, address, action, detail from audit_event where at >= ? order by event_id""")
                .param(Timestamp.from(from))
                .query((rs, n) -> new Event(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5)))
                .list();
    }
}
