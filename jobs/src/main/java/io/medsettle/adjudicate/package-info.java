/**
 * {@code ./medsettle adjudicate}: the benefit computation alone, on files, with no database, for
 * checks and what-if runs ("what would this year have cost under the new rules?").
 */
package io.medsettle.adjudicate;
