package io.medsettle.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.support.MedsettleSpringTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * settlement's period index (V7, V17): a BRIN index that does not ask autovacuum to summarize each
 * range as an intake fills it. With that request on, a large intake overflows autovacuum's queue and
 * the server logs a line with the whole COPY statement for every 16 pages after, thousands of lines
 * per million rows; the ranges are summarized by the table's vacuum all the same.
 */
class SettlementPeriodIndexTest extends MedsettleSpringTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void thePeriodIndexIsBrinAndLeavesSummarizingToTheVacuum() {
        assertThat(jdbc.queryForObject("""
                select a.amname from pg_class c join pg_am a on a.oid = c.relam
                 where c.relname = 'settlement_period_brin'""", String.class)).isEqualTo("brin");
        assertThat(jdbc.queryForObject("select array_to_string(reloptions, ',') from pg_class where relname = 'settlement_period_brin'",
                String.class)).contains("pages_per_range=16").contains("autosummarize=off");
    }
}
