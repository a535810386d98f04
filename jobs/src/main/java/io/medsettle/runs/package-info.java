/**
 * Running batch jobs safely: one run at a time per job and key (an intake file, a month-end
 * period), whoever starts it (an operator's command or the nightly schedule), and a run that a
 * killed process left behind is recovered and restarted where it stopped.
 *
 * <p>The mutual exclusion is a PostgreSQL session-level advisory lock, held by a connection that
 * lives exactly as long as the run: when the process dies, the server drops the session and the
 * lock with it, so a lock can never outlive its holder.
 */
package io.medsettle.runs;
