/**
 * Reference data (formats.md "Reference data" and "Other inputs"): institutions, members,
 * approved averages, budgets, assessment scores and interest rates, loaded by
 * {@code ./medsettle load KIND FILE}.
 *
 * <p>Loads upsert by key. Institutions and members keep effective-dated history: a changed value
 * closes the current version and opens a new one on the load's effective date, so that each
 * discharge is judged with the facts of its own dates.
 */
package io.medsettle.reference;
