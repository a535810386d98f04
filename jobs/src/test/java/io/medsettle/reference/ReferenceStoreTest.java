package io.medsettle.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.medsettle.app.PgCopy;
import io.medsettle.support.MedsettleSpringTest;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class ReferenceStoreTest extends MedsettleSpringTest {

    @Autowired
    ReferenceStore store;

    @Autowired
    JdbcTemplate jdbc;

    private static Consumer<PgCopy> institutions(Object[]... rows) {
        return copy -> {
            for (Object[] r : rows) {
                // Tier, then bank name and account, which these tests leave empty.
                copy.row().text((String) r[0]).text((String) r[1]).number((Integer) r[2]).text((String) r[3])
                        .text((String) r[4]).text(null).text(null).end();
            }
        };
    }

    @Test
    void aChangedInstitutionGetsANewVersionFromTheEffectiveDateAndKeepsItsHistory() {
        ReferenceStore.Outcome first = store.load(ReferenceKind.INSTITUTIONS, LocalDate.of(2026, 1, 1), institutions(
                new Object[] {"H9001", "甲医院", 2, "general", null},
                new Object[] {"H9002", "乙医院", 1, "tcm", null}));
        assertThat(first).isEqualTo(new ReferenceStore.Outcome(2, 2, 0));

        // H9001 is re-rated to level 3 on 1 July; H9002 is unchanged.
        ReferenceStore.Outcome second = store.load(ReferenceKind.INSTITUTIONS, LocalDate.of(2026, 7, 1), institutions(
                new Object[] {"H9001", "甲医院", 3, "general", null},
                new Object[] {"H9002", "乙医院", 1, "tcm", null}));
        assertThat(second).isEqualTo(new ReferenceStore.Outcome(2, 0, 1));

        List<Map<String, Object>> versions = jdbc.queryForList(
                "select valid_from, valid_to, hosp_lv from institution where fixmedins_code = 'H9001' order by valid_from");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0)).containsEntry("valid_from", java.sql.Date.valueOf("0001-01-01"))
                .containsEntry("valid_to", java.sql.Date.valueOf("2026-07-01")).containsEntry("hosp_lv", 2);
        assertThat(versions.get(1)).containsEntry("valid_from", java.sql.Date.valueOf("2026-07-01"))
                .containsEntry("valid_to", null).containsEntry("hosp_lv", 3);
        assertThat(jdbc.queryForObject("select count(*) from institution where fixmedins_code = 'H9002'", Integer.class))
                .isEqualTo(1);

        // A second load on the same effective date corrects that day's version instead of adding one.
        store.load(ReferenceKind.INSTITUTIONS, LocalDate.of(2026, 7, 1), institutions(
                new Object[] {"H9001", "甲医院(更正)", 3, "general", null}));
        assertThat(jdbc.queryForList("select fixmedins_name from institution where fixmedins_code = 'H9001' order by valid_from",
                String.class)).containsExactly("甲医院", "甲医院(更正)");
    }

    @Test
    void plainReferenceDataIsUpsertedByKey() {
        Consumer<PgCopy> budgets = copy -> {
            copy.row().number(2026).number(1).text("1000000.00").end();
            copy.row().number(2026).number(2).text("1200000.00").end();
        };
        assertThat(store.load(ReferenceKind.BUDGETS, LocalDate.of(2026, 1, 1), budgets))
                .isEqualTo(new ReferenceStore.Outcome(2, 2, 0));

        ReferenceStore.Outcome again = store.load(ReferenceKind.BUDGETS, LocalDate.of(2026, 1, 1), copy -> {
            copy.row().number(2026).number(1).text("1000000.00").end();
            copy.row().number(2026).number(2).text("900000.00").end();
        });

        assertThat(again).isEqualTo(new ReferenceStore.Outcome(2, 0, 1));
        assertThat(again.unchanged()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select control_total from budget where month = 2", java.math.BigDecimal.class))
                .isEqualByComparingTo("900000.00");
    }
}
