/**
 * The people who use the web console (issue 12): users in the database with hashed passwords, a
 * role each (hospital, accountant, finance, admin), the institutions a hospital user acts for, and
 * the audit of what they do. The {@code user} command manages them from the server's shell, so that
 * the first administrator exists before anyone can log in.
 */
package io.medsettle.users;
