/**
 * Discharge intake: a hospital's monthly file validated, recomputed under the city's profile and
 * loaded exactly once (the {@code dischargeIntake} job; see README.md beside this file).
 */
package io.medsettle.intake;
