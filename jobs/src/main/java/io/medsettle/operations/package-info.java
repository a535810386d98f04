/**
 * Operations (issue 12, item 6): what the agency's monitoring reads of a running medsettle, and what
 * the log keeps of every job run. The fund is paid from these runs, so someone must learn that a
 * night's intake failed or that a month-end is overdue before a hospital calls; this package gives
 * their monitoring the means without giving it the console.
 *
 * <p>{@code serve} exposes Spring Boot Actuator's {@code health} and {@code prometheus} endpoints on
 * the console's own server, readable by an administrator's session or from this machine only
 * ({@link io.medsettle.operations.OperationsSecurityConfiguration}); the gauges of the last approved
 * month-end and year-end are read from the database when scraped ({@link
 * io.medsettle.operations.LastApprovedRuns}); every job run writes a line at its start and one at
 * its end, key=value, to the log file ({@link io.medsettle.operations.JobRunLog}). The other
 * commands start none of the web part ({@link io.medsettle.operations.CommandsWithoutMonitoring}).
 * Counters live where their events happen (the intake counts its files in {@code io.medsettle.intake}).
 * The names and their meaning are in docs/console.md, "Operations".
 */
package io.medsettle.operations;
