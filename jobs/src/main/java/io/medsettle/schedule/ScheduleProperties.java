package io.medsettle.schedule;

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
 */
@ConfigurationProperties("medsettle.schedule")
public record ScheduleProperties(
        @DefaultValue("0 0 1 * * ?") String intakeCron,
        @DefaultValue("0 0 3 11 * ?") String monthEndCron,
        @DefaultValue("true") boolean monthEndApproves) {
}
