package io.medsettle.yearend;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Movements written straight into the sub-ledger, without the ledger's entries, for the tests of its
 * readers; each under a source of the test's own. Only in a database of the tests' own: such movements
 * put the accounts fund out of agreement with 2301.
 */
final class SubLedgerRows {

    private final JdbcTemplate jdbc;
    private final String source;
    private int sequence;

    SubLedgerRows(JdbcTemplate jdbc, String source) {
        this.jdbc = jdbc;
        this.source = source;
    }

    void move(String psn, String kind, String amount, String valueDate) {
        jdbc.update("""
                        insert into account_movement (psn_no, kind, amount, value_date, source, entry_id, recorded_at)
                        values (?, ?, ?::numeric, ?::date, ?, 0, now())""",
                psn, kind, amount, valueDate, source + ":" + psn + ":" + (++sequence) + ":" + System.nanoTime());
    }
}
