package io.medsettle.yearend;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.support.MedsettleSpringTest;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The year-end's reader of the sub-ledger reads what the sub-ledger holds: every kind, amounts of one
 * fen and of millions, debits, several movements on one day, nothing after the day asked for, one
 * account after another; and COPY's escapes in a text value.
 *
 * <p>In a database of its own: the movements are written straight into the sub-ledger, without the
 * ledger's entries, and would put the accounts fund of the other tests' database out of agreement.
 */
class MovementsCopyTest extends MedsettleSpringTest {

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        registry.add("medsettle.test.context", () -> "movements-copy");
    }

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private DataSource dataSource;

    @Test
    void readsEveryAccountsMovementsAsTheSubLedgerHoldsThem() throws Exception {
        move("MCX1", "opening", "100.00", "2059-12-31");
        move("MCX1", "allocation", "0.05", "2060-01-15");
        move("MCX1", "spending", "-0.05", "2060-01-15");
        move("MCX1", "refund", "12.34", "2060-02-01");
        move("MCX1", "interest", "0.01", "2060-03-01");
        move("MCX1", "transfer_in", "1234567.89", "2060-04-01");
        move("MCX1", "paid_out", "-1234680.24", "2060-12-31");
        move("MCX2", "allocation", "7.00", "2060-06-30");
        move("MCX2", "allocation", "8.00", "2061-01-01");
        move("MCX3", "opening", "9.99", "2061-01-02");

        Map<String, List<String>> read = new LinkedHashMap<>();
        long movements = new MovementsCopy(dataSource).forEachAccount(LocalDate.of(2060, 12, 31), () -> { }, (psn, list) -> {
            if (psn.startsWith("MCX")) {
                read.put(psn, list.movements().stream().map(m -> m.kind() + " " + m.valueDate() + " " + m.amount()).toList());
            }
        });

        assertThat(read).containsOnlyKeys("MCX1", "MCX2");
        assertThat(read.get("MCX1")).startsWith("OPENING 2059-12-31 100.00").containsExactlyInAnyOrder(
                "OPENING 2059-12-31 100.00", "ALLOCATION 2060-01-15 0.05", "SPENDING 2060-01-15 -0.05", "REFUND 2060-02-01 12.34",
                "INTEREST 2060-03-01 0.01", "TRANSFER_IN 2060-04-01 1234567.89", "PAID_OUT 2060-12-31 -1234680.24");
        assertThat(read.get("MCX2")).containsExactly("ALLOCATION 2060-06-30 7.00");
        assertThat(movements).isEqualTo(jdbc.queryForObject("select count(*) from account_movement where value_date <= '2060-12-31'",
                Long.class));
    }

    @Test
    void readsTextWithCopysEscapes() {
        byte[] row = "a\\\\b\\tc\\nd\u00e9".getBytes(StandardCharsets.UTF_8);
        assertThat(MovementsCopy.text(row, 0, row.length)).isEqualTo("a\\b\tc\nd\u00e9");
    }

    private SubLedgerRows subLedger;

    private void move(String psn, String kind, String amount, String valueDate) {
        if (subLedger == null) {
            subLedger = new SubLedgerRows(jdbc, "movements-copy-test");
        }
        subLedger.move(psn, kind, amount, valueDate);
    }
}
