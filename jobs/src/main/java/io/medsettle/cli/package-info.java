/**
 * The command line that operators script: the root {@code medsettle} command, the options every
 * command shares, the exit codes (0 done, 1 input rejected or run failed, 2 wrong usage) and the
 * way errors are shown: one clear sentence, never a stack trace (that goes to the log file).
 */
package io.medsettle.cli;
