package io.medsettle.cli.forward;

import io.medsettle.app.MedsettleHome;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;

/**
 * Where serve listens for commands, {@code var/run/commands.sock} under the home, and how it makes
 * that place its own.
 *
 * <p>Connecting to a Unix domain socket needs write permission on it and search permission on every
 * directory above it. The directory {@code var/run} is made {@code 0700} and checked to be a real
 * directory of serve's user before the socket is made in it, so that no other user can reach the
 * socket even for the instant before it is made {@code 0600}; serve also checks each connection's
 * peer ({@link ForwardingServer}). Whoever can connect can run what that user could run anyway.
 */
final class CommandsSocket {

    private CommandsSocket() {
    }

    static Path of(MedsettleHome home) {
        return home.var().resolve("run").resolve("commands.sock");
    }

    /**
     * Listens on the socket: a socket file left by a serve that was killed (nobody answers on it) is
     * replaced; one that answers belongs to another serve of the same home, and this one does not
     * listen ({@link AnsweredElsewhere}).
     */
    static ServerSocketChannel listen(Path socket) throws IOException {
        ownDirectory(socket.getParent());
        if (Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            if (answers(socket)) {
                throw new AnsweredElsewhere(socket);
            }
            Files.delete(socket);
        }
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The user the directory, and so the socket, belongs to: serve's. */
    static UserPrincipal owner(Path socket) throws IOException {
        return Files.getOwner(socket.getParent(), LinkOption.NOFOLLOW_LINKS);
    }

    private static void ownDirectory(Path directory) throws IOException {
        Files.createDirectories(directory.getParent());
        try {
            Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            // Checked below, whoever made it.
        }
        PosixFileAttributes attributes = Files.readAttributes(directory, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        UserPrincipal me = directory.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name"));
        if (!attributes.isDirectory() || !attributes.owner().equals(me)) {
            throw new IOException(directory + " is not a directory of " + me.getName() + "'s");
        }
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
    }

    private static boolean answers(Path socket) {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.connect(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Another serve of the same home already runs the commands. */
    static final class AnsweredElsewhere extends IOException {
        AnsweredElsewhere(Path socket) {
            super("another serve answers on " + socket);
        }
    }
}
