/**
 * Starting and stopping medsettle: the home directory, the database (embedded under {@code var/}
 * or an external server), the Spring context and the beans every feature shares (the ledger, the
 * clock).
 */
package io.medsettle.app;
