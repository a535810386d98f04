package io.medsettle.cli.forward;

import io.medsettle.cli.ApplicationOptions;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine;

/**
 * One client's connection, on one of serve's command threads: reads the request, answers "not
 * here" or runs the command and sends what it prints and its exit code. Nothing a client sends can
 * end more than its own connection: bytes that are not a request get a refusal in one sentence,
 * a client that sends nothing is cut off after {@link #REQUEST_TIME}, and whatever fails is logged
 * and ends this session alone.
 */
final class ForwardedSession implements Runnable {

    /** How long a client may take to send its request: the launcher's takes milliseconds. */
    static final Duration REQUEST_TIME = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(ForwardedSession.class);

    private final SocketChannel channel;
    private final Admission admission;
    private final ApplicationOptions.Starter starter;
    private final ScheduledExecutorService deadlines;

    ForwardedSession(SocketChannel channel, Admission admission, ApplicationOptions.Starter starter,
                     ScheduledExecutorService deadlines) {
        this.channel = channel;
        this.admission = admission;
        this.starter = starter;
        this.deadlines = deadlines;
    }

    @Override
    public void run() {
        try (channel) {
            Optional<CommandRequest> request = readRequest();
            if (request.isPresent()) {
                answer(request.get());
            }
        } catch (Throwable e) {
            // Never serve's end: this connection's alone.
            log.error("a command from the launcher failed in serve", e);
        }
    }

    /** The request, or empty when the client was refused or answered already. */
    private Optional<CommandRequest> readRequest() throws IOException {
        ScheduledFuture<?> deadline = deadlines.schedule(this::cutOff, REQUEST_TIME.toMillis(), TimeUnit.MILLISECONDS);
        try {
            ByteBuffer header = Frames.readFully(channel, 8);
            if (header.getInt() != Frames.MAGIC) {
                return refuse("not a medsettle command client");
            }
            int version = header.getInt();
            if (version != Frames.VERSION) {
                return notHere("protocol version " + version + " (serve speaks " + Frames.VERSION + ")");
            }
            Frames.Frame frame = Frames.read(channel, Frames.MAX_REQUEST);
            if (frame.type() != Frames.REQUEST) {
                return refuse("a frame of type " + (frame.type() & 0xff) + " where a request was expected");
            }
            return Optional.of(CommandRequest.decode(frame.payload()));
        } catch (Frames.MalformedFrame e) {
            return refuse(e.getMessage());
        } catch (IOException e) {
            // A probe (another serve checking the socket), a client that gave up, or one cut off.
            log.debug("a connection to the commands socket ended before its request: {}", e.toString());
            return Optional.empty();
        } finally {
            deadline.cancel(false);
        }
    }

    private void cutOff() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closed either way.
        }
    }

    private void answer(CommandRequest request) {
        String command = request.arguments().isEmpty() ? "(none)" : request.arguments().get(0);
        Optional<String> notHere = admission.refusal(request);
        if (notHere.isPresent()) {
            notHere(command + ": " + notHere.get());
            return;
        }
        ClientConnection client = new ClientConnection(channel);
        OutputStream stdout = client.stream(Frames.STDOUT);
        OutputStream stderr = client.stream(Frames.STDERR);
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true);
        CommandLine commandLine = ForwardedCommandLine.of(request, starter, out, err);
        String[] arguments = request.arguments().toArray(String[]::new);
        notHere = admission.refusal(commandLine, arguments);
        if (notHere.isPresent()) {
            notHere(command + ": " + notHere.get());
            return;
        }
        client.send(Frames.ACCEPTED, new byte[0]);
        long started = System.nanoTime();
        log.info("medsettle {} (from the launcher) started in serve", command);
        int exit = execute(commandLine, arguments, command, stdout, stderr, err);
        out.flush();
        err.flush();
        client.send(Frames.EXIT, Frames.exitCode(exit));
        log.info("medsettle {} (from the launcher) ended with exit code {} in {} ms{}", command, exit,
                (System.nanoTime() - started) / 1_000_000,
                client.gone() ? "; the launcher's client had gone: what it printed was not seen" : "");
    }

    private static int execute(CommandLine commandLine, String[] arguments, String command, OutputStream stdout,
                               OutputStream stderr, PrintWriter err) {
        ConsoleRouting.start(stdout, stderr);
        try {
            return commandLine.execute(arguments);
        } catch (Throwable e) {
            // What picocli's handlers do not catch (an Error): the command's end, not serve's.
            log.error("medsettle {} (from the launcher) failed", command, e);
            err.println(command + ": failed in serve");
            err.println("details: var/log/medsettle.log");
            return 1;
        } finally {
            ConsoleRouting.stop();
        }
    }

    private Optional<CommandRequest> notHere(String reason) {
        log.info("not run in serve, the launcher starts it itself: {}", reason);
        answerAndClose(Frames.NOT_HERE, reason);
        return Optional.empty();
    }

    private Optional<CommandRequest> refuse(String reason) {
        log.warn("refused a connection to the commands socket: {}", reason);
        answerAndClose(Frames.REFUSED, "refused: " + reason);
        return Optional.empty();
    }

    private void answerAndClose(byte type, String text) {
        try {
            Frames.write(channel, type, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            log.debug("could not answer a connection that ended: {}", e.toString());
        }
    }
}
