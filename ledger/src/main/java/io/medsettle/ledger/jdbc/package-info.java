/**
 * The journal stored in PostgreSQL (tables and triggers in {@code sql/migrations/V1__ledger.sql}).
 *
 * <p>This adapter uses Spring's JDBC support so that postings join the caller's transaction (a
 * batch chunk, a month-end approval) and commit or roll back with it.
 */
package io.medsettle.ledger.jdbc;
