package io.medsettle.schedule;

import io.medsettle.app.MedsettleProperties;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;

import javax.sql.DataSource;

import org.quartz.CronExpression;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The periods the scheduled month-end settles, oldest first: every month that has discharge files
 * or account payments, is not approved yet, and whose settlement day has come. A month's settlement
 * day is the month-end cron's first firing after the month ended (03:00 on the 11th by default:
 * hospitals' files are due by the 10th). So a server that was down for two months settles both
 * when it is back, and one that comes back on the 2nd settles the month before last but leaves
 * last month to its own day, when its files are in.
 */
@Repository
class DuePeriods {

    /*
     * Settlements are not queried: every settlement row belongs to a discharge file of its own
     * period (intake_file), a table of a few rows a month instead of millions.
     */
    private static final String OPEN_PERIODS_WITH_DATA = """
            select period from intake_file
            union
            select period from account_payment
            except
            select period from month_end_run where status = 'APPROVED'
            order by 1""";

    private final JdbcTemplate jdbc;
    private final CronExpression monthEndCron;
    private final ZoneId zone;
    private final Clock clock;

    DuePeriods(DataSource dataSource, ScheduleProperties schedule, MedsettleProperties properties, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.zone = properties.timeZone();
        this.monthEndCron = schedule.monthEndCronIn(zone);
        this.clock = clock;
    }

    List<YearMonth> list() {
        Instant now = clock.instant();
        return jdbc.queryForList(OPEN_PERIODS_WITH_DATA, String.class).stream().map(YearMonth::parse)
                .filter(period -> !settlementDay(period).isAfter(now)).toList();
    }

    /** The cron's first firing on or after the first moment of the next month, in the fund's zone. */
    Instant settlementDay(YearMonth period) {
        Instant monthEnded = period.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        Date firing = monthEndCron.getNextValidTimeAfter(Date.from(monthEnded.minusSeconds(1)));
        return firing == null ? Instant.MAX : firing.toInstant();
    }
}
