package io.medsettle.cli.forward;

import io.medsettle.app.MedsettleHome;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;

import jdk.net.ExtendedSocketOptions;

/**
 * What the launcher runs first for a small command while a {@code serve} of the home may be
 * running: asks serve to run it, prints what it prints, and exits with its exit code; or exits
 * {@link #FALLBACK}, and the launcher starts the command itself, as it would have without serve.
 *
 * <p>It falls back whenever serve did not take the command: no socket, nobody answering on it (a
 * serve that was killed), a process of another user answering, an answer "not here" (another
 * build, database, profile or setting), any error before serve said it took it. Once serve took
 * it, it never falls back: the command may have done its work, and running it again is not this
 * client's to decide; a connection lost then is exit 1 with a sentence.
 *
 * <p>The JDK alone, and as few classes of it as will do: the launcher starts it with the first JIT
 * tier and without the application's class data sharing archive, and it answers in a tenth of a
 * second. Standard input is not sent: none of the commands forwarded reads it.
 */
public final class CommandClient {

    /** The exit code that tells the launcher to start the command itself (sysexits' EX_TEMPFAIL). */
    public static final int FALLBACK = 75;

    private CommandClient() {
    }

    /** Arguments: the command's own. {@code -Dmedsettle.home} and {@code -Dmedsettle.build} come from the launcher. */
    public static void main(String[] args) {
        String build = System.getProperty("medsettle.build", "");
        int exit = build.isEmpty() ? FALLBACK
                : run(CommandsSocket.of(MedsettleHome.current()), new CommandRequest(build,
                        Path.of("").toAbsolutePath().toString(), ForwardedEnvironment.of(System.getenv()), List.of(args)),
                        new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err));
        System.exit(exit);
    }

    /** The command's exit code, or {@link #FALLBACK}; what it prints goes to {@code out} and {@code err}. */
    static int run(Path socket, CommandRequest request, OutputStream out, OutputStream err) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            boolean accepted = false;
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
                if (!ownUser(channel)) {
                    return FALLBACK;
                }
                Frames.writeHeader(channel);
                Frames.write(channel, Frames.REQUEST, request.encode());
                while (true) {
                    Frames.Frame frame = Frames.read(channel, Frames.MAX_ANSWER);
                    switch (frame.type()) {
                        case Frames.ACCEPTED -> accepted = true;
                        case Frames.STDOUT -> print(out, frame, accepted);
                        case Frames.STDERR -> print(err, frame, accepted);
                        case Frames.EXIT -> {
                            if (accepted && frame.payload().length == 4) {
                                return ByteBuffer.wrap(frame.payload()).getInt();
                            }
                            return lost(accepted, err);
                        }
                        // Not here, refused, or an answer this client does not know: not taken.
                        default -> {
                            return lost(accepted, err);
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                return lost(accepted, err);
            }
        } catch (IOException e) {
            return FALLBACK;
        }
    }

    /**
     * Whether the process listening is this user's: the request carries the environment's database
     * passwords, which go to no other user's process, whoever made the socket file.
     */
    private static boolean ownUser(SocketChannel channel) throws IOException {
        UserPrincipal me = FileSystems.getDefault().getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name"));
        return channel.getOption(ExtendedSocketOptions.SO_PEERCRED).user().equals(me);
    }

    private static void print(OutputStream stream, Frames.Frame frame, boolean accepted) throws IOException {
        if (!accepted) {
            throw new IOException("output before serve took the command");
        }
        stream.write(frame.payload());
        stream.flush();
    }

    /** Before serve took the command: let the launcher run it. After: it ran, or runs, in serve. */
    private static int lost(boolean accepted, OutputStream err) {
        if (!accepted) {
            return FALLBACK;
        }
        try {
            err.write(("medsettle: the connection to serve ended before the command did; its outcome is in "
                    + "var/log/medsettle.log\n").getBytes(StandardCharsets.UTF_8));
            err.flush();
        } catch (IOException ignored) {
            // Nowhere left to say it; the exit code says it.
        }
        return 1;
    }
}
