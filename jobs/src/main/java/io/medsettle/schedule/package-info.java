/**
 * The nightly schedule that {@code ./medsettle serve} runs: Quartz with its job store in the
 * database, so that a restart, or a second server, knows what has fired. Each Quartz job only asks
 * the same service the command line uses; the job runs' own locks keep a scheduled and a manual
 * run of the same job and period apart.
 */
package io.medsettle.schedule;
