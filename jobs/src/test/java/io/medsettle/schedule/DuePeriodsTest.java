package io.medsettle.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.medsettle.app.MedsettleProperties;
import io.medsettle.testdb.PostgresTestDatabase;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which months the scheduled month-end settles: open months with files whose settlement day (the
 * cron's first firing after the month ended) has come, oldest first.
 */
class DuePeriodsTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final MedsettleProperties PROPERTIES = new MedsettleProperties(Path.of("."), "lianyungang-2000",
            SHANGHAI, null);
    private static final ScheduleProperties SCHEDULE = new ScheduleProperties("0 0 1 * * ?", "0 0 3 11 * ?", true, "0 0 4 15 1 ?");

    private static HikariDataSource dataSource;

    @BeforeAll
    static void files() {
        dataSource = PostgresTestDatabase.freshDatabase().dataSource();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        // Files for May to September 2025 (two hospitals in July), account payments only in April;
        // May approved by hand.
        for (String period : new String[] {"2025-05", "2025-06", "2025-07", "2025-07", "2025-08", "2025-09"}) {
            jdbc.update("""
                    insert into intake_file (sha256, fixmedins_code, period, file_name, status, received_at)
                    values (md5(random()::text) || md5(random()::text), 'H1', ?, 'f.csv', 'LOADED', now())""", period);
        }
        jdbc.update("""
                insert into account_payment (setl_id, fixmedins_code, psn_no, setl_time, period, acct_pay, loaded_at)
                values ('A1', 'P1', 'M1', timestamp '2025-04-03 10:00:00', '2025-04', 12.50, now())""");
        jdbc.update("""
                insert into month_end_run (period, status, profile, method, holdback_rate, computed_at, approved_at)
                values ('2025-05', 'APPROVED', 'lianyungang-2000', 'AVERAGE_COST', 0.1, now(), now())""");
        jdbc.update("""
                insert into month_end_run (period, status, profile, method, holdback_rate, computed_at)
                values ('2025-06', 'DRAFT', 'lianyungang-2000', 'AVERAGE_COST', 0.1, now())""");
    }

    @AfterAll
    static void close() {
        dataSource.close();
    }

    private static DuePeriods at(String localTime) {
        Instant now = java.time.LocalDateTime.parse(localTime).atZone(SHANGHAI).toInstant();
        return new DuePeriods(dataSource, SCHEDULE, PROPERTIES, Clock.fixed(now, SHANGHAI));
    }

    @Test
    void onTheEleventhEveryOpenMonthWithFilesUpToThePreviousOneIsDueOldestFirst() {
        assertThat(at("2025-09-11T03:00:00").list()).containsExactly(YearMonth.of(2025, 4), YearMonth.of(2025, 6),
                YearMonth.of(2025, 7), YearMonth.of(2025, 8));
    }

    @Test
    void aServerBackOnTheSecondLeavesLastMonthToItsOwnSettlementDay() {
        assertThat(at("2025-09-02T09:00:00").list()).containsExactly(YearMonth.of(2025, 4), YearMonth.of(2025, 6),
                YearMonth.of(2025, 7));
        assertThat(at("2025-09-11T02:59:59").list()).doesNotContain(YearMonth.of(2025, 8));
    }

    @Test
    void theSettlementDayFollowsTheCronInTheFundsZone() {
        assertThat(at("2025-09-11T03:00:00").settlementDay(YearMonth.of(2025, 8)))
                .isEqualTo(Instant.parse("2025-09-10T19:00:00Z"));
        ScheduleProperties firstOfTheMonth = new ScheduleProperties("0 0 1 * * ?", "0 0 0 1 * ?", true, "0 0 4 15 1 ?");
        DuePeriods onTheFirst = new DuePeriods(dataSource, firstOfTheMonth, PROPERTIES, Clock.systemUTC());
        assertThat(onTheFirst.settlementDay(YearMonth.of(2025, 8))).isEqualTo(Instant.parse("2025-08-31T16:00:00Z"));
    }

    @Test
    void aMistypedCronNamesTheSetting() {
        assertThatThrownBy(() -> new ScheduleProperties("0 0 1 * * ?", "0 0 3 32 * ?", true, "0 0 4 15 1 ?"))
                .hasMessageStartingWith("medsettle.schedule.month-end-cron '0 0 3 32 * ?' is not a Quartz cron expression");
    }
}
