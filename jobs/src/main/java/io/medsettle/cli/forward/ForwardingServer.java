package io.medsettle.cli.forward;

import io.medsettle.app.Application;
import io.medsettle.app.MedsettleHome;
import io.medsettle.cli.ApplicationOptions;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serve's end of the commands socket: accepts connections from the launcher's client and runs
 * each one's command on a thread of its own, {@link #COMMANDS_AT_ONCE} at most; a client that
 * finds them all busy is answered "not here" and its command starts as a JVM of its own.
 *
 * <p>The commands run on serve's context as the console's runs do: the database's locks keep them
 * apart from the schedule, the console and other commands exactly as they keep two processes
 * apart. Closing stops accepting, deletes the socket and gives the commands running a few seconds
 * to end before serve closes its context under them.
 */
public final class ForwardingServer implements AutoCloseable {

    /** Commands run at once; more wait in JVMs of their own rather than in a queue here. */
    static final int COMMANDS_AT_ONCE = 4;

    /** How long closing waits for the commands running. */
    private static final long CLOSING_WAIT_SECONDS = 10;

    private static final Logger log = LoggerFactory.getLogger(ForwardingServer.class);

    private final Path socket;
    private final ServerSocketChannel server;
    private final UserPrincipal owner;
    private final Admission admission;
    private final ApplicationOptions.Starter starter;
    private final ThreadPoolExecutor commands;
    private final ScheduledExecutorService deadlines;
    private final Thread acceptor;

    private ForwardingServer(Path socket, ServerSocketChannel server, Admission admission, ApplicationOptions.Starter starter)
            throws IOException {
        this.socket = socket;
        this.server = server;
        this.owner = CommandsSocket.owner(socket);
        this.admission = admission;
        this.starter = starter;
        AtomicInteger number = new AtomicInteger();
        this.commands = new ThreadPoolExecutor(COMMANDS_AT_ONCE, COMMANDS_AT_ONCE, 0, TimeUnit.SECONDS,
                new SynchronousQueue<>(), daemon(() -> "medsettle-command-" + number.incrementAndGet()));
        this.deadlines = Executors.newSingleThreadScheduledExecutor(daemon(() -> "medsettle-commands-deadlines"));
        this.acceptor = daemon(() -> "medsettle-commands-socket").newThread(this::accept);
    }

    /**
     * Serve's: listens on the home's socket ({@link CommandsSocket}) for commands of the launcher's
     * build ({@code -Dmedsettle.build}, set by the launcher) on serve's database and profile. Empty,
     * with the reason logged, when it cannot: commands then start as JVMs of their own, as before.
     */
    public static Optional<ForwardingServer> startForServe(Application serve, Application.Settings settings) {
        String build = System.getProperty("medsettle.build", "");
        MedsettleHome home = MedsettleHome.current();
        if (build.isBlank()) {
            log.info("commands are not run by serve: it was not started by the launcher (no medsettle.build)");
            return Optional.empty();
        }
        try {
            Admission admission = new Admission(build, settings, System.getenv(),
                    Path.of("").toAbsolutePath(), home.config());
            return Optional.of(start(CommandsSocket.of(home), admission, attachedTo(serve, settings)));
        } catch (IOException | RuntimeException e) {
            log.warn("commands are not run by serve: {}", e.toString());
            return Optional.empty();
        }
    }

    /** Listens on the socket, replacing a stale one ({@link CommandsSocket#listen}). */
    static ForwardingServer start(Path socket, Admission admission, ApplicationOptions.Starter starter) throws IOException {
        ServerSocketChannel channel = CommandsSocket.listen(socket);
        ForwardingServer server;
        try {
            server = new ForwardingServer(socket, channel, admission, starter);
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(socket);
            throw e;
        }
        ConsoleRouting.install();
        server.acceptor.start();
        log.info("serve runs the launcher's commands given on {}", socket);
        return server;
    }

    /**
     * The start of a forwarded command's database options: serve's application, which the command
     * does not stop, and only for serve's own database and profile ({@link Admission} has checked
     * them; this is the last guard).
     */
    static ApplicationOptions.Starter attachedTo(Application serve, Application.Settings serveSettings) {
        return settings -> {
            if (settings.web() || !settings.sameDatabaseAndProfile(serveSettings)) {
                throw new IllegalStateException("serve runs commands on its own database and profile only");
            }
            return Application.attached(serve.context(), serve.database());
        };
    }

    public Path socket() {
        return socket;
    }

    private void accept() {
        while (server.isOpen()) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException | RuntimeException e) {
                log.warn("the commands socket could not accept a connection: {}", e.toString());
                pause(); // Out of file descriptors, say: not a loop that fills the log while it lasts.
                continue;
            }
            dispatch(channel);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void dispatch(SocketChannel channel) {
        try {
            UnixDomainPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            if (!peer.user().equals(owner)) {
                // The socket's permissions let no one else in; this is the second lock.
                log.warn("refused a connection to the commands socket from user {}", peer.user().getName());
                Frames.write(channel, Frames.REFUSED, ("refused: serve runs commands for " + owner.getName() + " only")
                        .getBytes(StandardCharsets.UTF_8));
                channel.close();
                return;
            }
            commands.execute(new ForwardedSession(channel, admission, starter, deadlines));
        } catch (RejectedExecutionException busy) {
            log.info("not run in serve, the launcher starts it itself: {} commands running already", COMMANDS_AT_ONCE);
            closeQuietly(channel, "serve runs " + COMMANDS_AT_ONCE + " commands already");
        } catch (IOException | RuntimeException e) {
            log.warn("a connection to the commands socket failed: {}", e.toString());
            closeQuietly(channel, null);
        }
    }

    private static void closeQuietly(SocketChannel channel, String notHere) {
        try (channel) {
            if (notHere != null) {
                Frames.write(channel, Frames.NOT_HERE, notHere.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException ignored) {
            // The client falls back either way.
        }
    }

    /**
     * Stops accepting and deletes the socket, so that the launcher starts commands itself again, then
     * waits a few seconds for the commands running before serve closes its context under them (which
     * fails them as a killed process would fail: the runs recover when run again).
     */
    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            log.warn("could not remove the commands socket {}: {}", socket, e.toString());
        }
        commands.shutdown();
        deadlines.shutdownNow();
        try {
            if (!commands.awaitTermination(CLOSING_WAIT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("commands from the launcher still running as serve stops: {}", commands.getActiveCount());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ConsoleRouting.uninstall();
    }

    private static ThreadFactory daemon(Supplier<String> name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name.get());
            thread.setDaemon(true);
            return thread;
        };
    }
}
