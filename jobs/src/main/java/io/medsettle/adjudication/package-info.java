/**
 * The benefit engine (待遇核算, DOMAIN.md section 1): for every discharge, what the member pays and
 * what each fund pays, under the city's policy profile, and where the hospital's own figures differ.
 *
 * <p>Plain Java: no Spring, no database (an ArchUnit test guards it), so the same engine serves the
 * {@code adjudicate} command on files and the intake job on the database. A profile composes small
 * rule objects ({@link io.medsettle.adjudication.Deductible}, {@link io.medsettle.adjudication.FundShare},
 * {@link io.medsettle.adjudication.AnnualCap}, {@link io.medsettle.adjudication.Supplementary}, ...);
 * the {@link io.medsettle.adjudication.BenefitEngine} applies them to a member's year in order,
 * carrying the year's accumulators.
 */
package io.medsettle.adjudication;
