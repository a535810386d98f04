/**
 * Month-end settlement with the institutions (月度结算, DOMAIN.md section 2): what each institution
 * is due for the month (average-cost or fee-for-service), the total budget control that cuts the
 * dues pro rata when they exceed the month's control total, and the 90/10 holdback.
 *
 * <p>The rules are plain Java and know nothing of Spring or the database; the month-end job feeds
 * them the period's figures and posts what they decide.
 */
package io.medsettle.settlement;
