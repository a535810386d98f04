/**
 * The year-end (年终清算, DOMAIN.md §3 and §4): once every month of a year is settled and closed, the
 * {@code yearEnd} job credits the interest of every open individual account, releases each
 * institution's quality deposit by its assessment score, compensates over-budget amounts left unpaid
 * from the year's surplus, proposes next year's approved averages, posts it all and closes the year.
 *
 * <p>The rules are plain Java in {@code io.medsettle.settlement} ({@code HoldbackRelease},
 * {@code OverBudgetCompensation}, {@code AverageProposal}, {@code ReleaseSchedule}) and
 * {@code io.medsettle.accounts} (the interest calculator); this package feeds them the year's figures
 * from the database, stores the run, posts it and writes the statements. README.md shows the steps.
 */
package io.medsettle.yearend;
