package io.medsettle.cli.forward;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;

/**
 * What a forwarded command prints to {@code System.out} and {@code System.err} rather than to its
 * command line's writers goes to its client too: the progress lines of long steps (logback's
 * console appender, {@code io.medsettle.runs.StepProgress}), which a command of its own shows on
 * its terminal. Serve's {@code System.out} and {@code System.err} become streams that write to the
 * client of the command running on the current thread, and to serve's own console on every other
 * thread, as before.
 */
final class ConsoleRouting {

    /** The client's streams of the command on this thread; none on serve's own threads. */
    private static final ThreadLocal<OutputStream[]> CLIENT = new ThreadLocal<>();

    private static PrintStream serveOut;
    private static PrintStream serveErr;
    private static int users;

    private ConsoleRouting() {
    }

    /** Routes serve's console, until as many {@link #uninstall()}s. */
    static synchronized void install() {
        if (users++ == 0) {
            serveOut = System.out;
            serveErr = System.err;
            System.setOut(routed(serveOut, 0, "sun.stdout.encoding"));
            System.setErr(routed(serveErr, 1, "sun.stderr.encoding"));
        }
    }

    static synchronized void uninstall() {
        if (--users == 0) {
            System.setOut(serveOut);
            System.setErr(serveErr);
        }
    }

    /** Sends this thread's console output to the client, until {@link #stop()}. */
    static void start(OutputStream out, OutputStream err) {
        CLIENT.set(new OutputStream[] {out, err});
    }

    static void stop() {
        CLIENT.remove();
    }

    /** Encodes as serve's console does: what the launcher chose for it (UTF-8). */
    private static PrintStream routed(PrintStream serve, int which, String encodingProperty) {
        String encoding = System.getProperty(encodingProperty, Charset.defaultCharset().name());
        OutputStream target = new OutputStream() {
            private OutputStream current() {
                OutputStream[] client = CLIENT.get();
                return client == null ? serve : client[which];
            }

            @Override
            public void write(int b) throws IOException {
                current().write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                current().write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                current().flush();
            }
        };
        try {
            return new PrintStream(target, true, encoding);
        } catch (UnsupportedEncodingException e) {
            return new PrintStream(target, true, Charset.defaultCharset());
        }
    }
}
