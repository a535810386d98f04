package io.medsettle.schedule;

import java.text.ParseException;
import java.time.ZoneId;
import java.util.TimeZone;

import org.quartz.CronExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When the schedule runs ({@code medsettle.schedule.*} in {@code config/application.yaml}), as
 * Quartz cron expressions in the fund's time zone.
 *
 * @param intakeCron        the nightly intake of the hospitals' inboxes (default 01:00 every night)
 * @param monthEndCron      the month-end run of the previous month (default 03:00 on the 11th)
 * @param monthEndApproves  whether the scheduled month-end approves (posts and closes) or only
 *                          previews, leaving the approval to an accountant
 * @param yearEndCron       the year-end preview of the previous year (default 04:00 on 15 January, after
 *                          December's month-end); the approval is always an accountant's
 */
@ConfigurationProperties("medsettle.schedule")
public record ScheduleProperties(
        @DefaultValue("0 0 1 * * ?") String intakeCron,
        @DefaultValue("0 0 3 11 * ?") String monthEndCron,
        @DefaultValue("true") boolean monthEndApproves,
        @DefaultValue("0 0 4 15 1 ?") String yearEndCron) {

    /** A mistyped cron stops every command at start with the setting's name, not deep inside Quartz. */
    public ScheduleProperties {
        validate("medsettle.schedule.intake-cron", intakeCron);
        validate("medsettle.schedule.month-end-cron", monthEndCron);
        validate("medsettle.schedule.year-end-cron", yearEndCron);
    }

    /** The month-end cron in the fund's time zone, to compute when a month's settlement falls due. */
    CronExpression monthEndCronIn(ZoneId zone) {
        try {
            CronExpression cron = new CronExpression(monthEndCron);
            cron.setTimeZone(TimeZone.getTimeZone(zone));
            return cron;
        } catch (ParseException e) {
            throw new IllegalStateException("validated when the settings were read", e);
        }
    }

    private static void validate(String key, String expression) {
        try {
            CronExpression.validateExpression(expression);
        } catch (ParseException e) {
            throw new IllegalArgumentException(key + " '" + expression + "' is not a Quartz cron expression ("
                    + e.getMessage() + ")");
        }
    }
}
