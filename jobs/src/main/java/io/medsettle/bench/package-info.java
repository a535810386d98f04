/**
 * {@code ./medsettle bench}: measures the intake against PostgreSQL's own floor, a bare COPY of the
 * same file into an unindexed table, in one run (docs/benchmarks.md).
 */
package io.medsettle.bench;
