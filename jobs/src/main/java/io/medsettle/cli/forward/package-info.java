/**
 * Small commands run by a running {@code serve} instead of a JVM of their own.
 *
 * <p>Why it exists: a one-row {@code load}, an {@code account} or the preview of an empty month is
 * a second of work behind two seconds of starting a JVM and a Spring context (docs/benchmarks.md,
 * "Commands that answer at once"). While {@code serve} runs, both are already up. So serve listens
 * on a Unix domain socket under the home ({@code var/run/commands.sock}, {@link CommandsSocket}),
 * and the launcher, for {@code load}, {@code account}, {@code month-end} and {@code year-end},
 * first runs {@link CommandClient}, a class that needs nothing but the JDK and starts in a tenth of
 * a second. It sends the command's arguments, working directory and environment; serve either
 * runs the command on its own context and streams back what it prints and its exit code, or
 * answers "not here" ({@link Admission}: another build, another database or profile, other
 * settings), and the launcher then starts the command as before, without a word.
 *
 * <p>Only the operating-system user who runs serve can connect: the socket's directory is made
 * {@code 0700} before the socket exists, the socket is {@code 0600}, and serve checks the peer's
 * credentials on every connection (docs/console.md, "Commands run by serve").
 */
package io.medsettle.cli.forward;
