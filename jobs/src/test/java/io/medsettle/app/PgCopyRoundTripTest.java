package io.medsettle.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.ledger.Money;
import io.medsettle.support.MedsettleSpringTest;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What {@link PgCopy} sends, the real server stores unchanged: text with every character COPY's
 * text format gives a meaning to (the tab that separates values, line breaks that end rows, the
 * backslash, a literal {@code \N} and {@code \.}), quotes and commas (which CSV gave a meaning to),
 * formula starts, Chinese, empty text and {@code null}, next to amounts, dates and times.
 */
class PgCopyRoundTripTest extends MedsettleSpringTest {

    private static final List<String> TEXTS = Arrays.asList("plain", "tab\there", "line\nbreak", "carriage\rreturn",
            "crlf\r\n", "back\\slash", "\\N", "\\.", "\\", "ends with \\", "\"quoted\"", "a,b", "=1+2", "@x", "中文 名称",
            "", " ", null, "\u0001control", "\t\n\r\\ all of them");

    @Autowired
    DataSource dataSource;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyValueComesBackAsItWasSent() {
        List<List<Object>> back = transactions.execute(status -> {
            jdbc.execute("create temporary table copy_round_trip (n int, t text, m numeric(14, 2), d date, ts timestamp,"
                    + " f boolean) on commit drop");
            PgCopy copy = PgCopy.streaming(dataSource, "copy_round_trip", List.of("n", "t", "m", "d", "ts", "f"));
            for (int i = 0; i < TEXTS.size(); i++) {
                copy.row().number(i).text(TEXTS.get(i)).money(i % 3 == 0 ? null : Money.ofFen(-50L + i * 999_999L))
                        .date(i % 4 == 0 ? null : LocalDate.of(2026, 1 + i % 12, 1 + i))
                        .timestamp(i % 5 == 0 ? null : LocalDateTime.of(2026, 2, 28, i, 59, 7)).flag(i % 2 == 0).end();
            }
            assertThat(copy.flush()).isEqualTo(TEXTS.size());
            return jdbc.query("select n, t, m, d, ts, f from copy_round_trip order by n", (rs, n) -> Arrays.asList(
                    rs.getObject("t"), rs.getBigDecimal("m"), rs.getObject("d", LocalDate.class),
                    rs.getObject("ts", LocalDateTime.class), rs.getBoolean("f")));
        });
        List<List<Object>> sent = new ArrayList<>();
        for (int i = 0; i < TEXTS.size(); i++) {
            sent.add(Arrays.asList(TEXTS.get(i), i % 3 == 0 ? null : Money.ofFen(-50L + i * 999_999L).amount(),
                    i % 4 == 0 ? null : LocalDate.of(2026, 1 + i % 12, 1 + i),
                    i % 5 == 0 ? null : LocalDateTime.of(2026, 2, 28, i, 59, 7), i % 2 == 0));
        }
        assertThat(back).isEqualTo(sent);
    }
}
