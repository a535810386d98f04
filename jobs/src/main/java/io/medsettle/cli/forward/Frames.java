package io.medsettle.cli.forward;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/**
 * The socket's protocol, shared by {@link CommandClient} and serve, on the JDK alone (the client
 * loads nothing else).
 *
 * <p>The client writes {@link #MAGIC}, its {@link #VERSION} (four bytes each, big-endian) and one
 * {@link #REQUEST} frame ({@link CommandRequest}). Serve answers {@link #NOT_HERE} (the client
 * lets the launcher start the command itself) or {@link #REFUSED} (the bytes were not a request),
 * and closes; or {@link #ACCEPTED}, then {@link #STDOUT} and {@link #STDERR} frames as the command
 * prints, and {@link #EXIT} with its exit code. A frame is its type (one byte), its length (four
 * bytes, big-endian) and that many bytes.
 */
final class Frames {

    /** "MSFW": what a medsettle client writes first, so that anything else is refused at once. */
    static final int MAGIC = 0x4D534657;

    /** The request's and the answers' layout; serve answers another version "not here". */
    static final int VERSION = 1;

    static final byte REQUEST = 'Q';
    static final byte ACCEPTED = 'A';
    static final byte STDOUT = 'O';
    static final byte STDERR = 'E';
    static final byte EXIT = 'X';
    static final byte NOT_HERE = 'N';
    static final byte REFUSED = 'R';

    /** A request's largest size: arguments and settings, never data. */
    static final int MAX_REQUEST = 1 << 20;

    /** An answer frame's largest size: what the command printed is sent in pieces smaller than this. */
    static final int MAX_ANSWER = 1 << 20;

    private Frames() {
    }

    /** One frame as it was read. */
    record Frame(byte type, byte[] payload) {
    }

    static void writeHeader(WritableByteChannel channel) throws IOException {
        writeFully(channel, ByteBuffer.allocate(8).putInt(MAGIC).putInt(VERSION).flip());
    }

    static void write(WritableByteChannel channel, byte type, byte[] payload, int offset, int length) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(5).put(type).putInt(length).flip();
        writeFully(channel, header);
        writeFully(channel, ByteBuffer.wrap(payload, offset, length));
    }

    static void write(WritableByteChannel channel, byte type, byte[] payload) throws IOException {
        write(channel, type, payload, 0, payload.length);
    }

    static byte[] exitCode(int code) {
        return ByteBuffer.allocate(4).putInt(code).array();
    }

    /**
     * The next frame; an {@link EOFException} when the other side closed, a {@link MalformedFrame}
     * when the length is negative or over {@code max}.
     */
    static Frame read(ReadableByteChannel channel, int max) throws IOException {
        ByteBuffer header = readFully(channel, 5);
        byte type = header.get();
        int length = header.getInt();
        if (length < 0 || length > max) {
            throw new MalformedFrame("a frame of " + Integer.toUnsignedString(length) + " bytes (at most " + max + ")");
        }
        return new Frame(type, readFully(channel, length).array());
    }

    static ByteBuffer readFully(ReadableByteChannel channel, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException("the connection ended after " + buffer.position() + " of " + length + " bytes");
            }
        }
        return buffer.flip();
    }

    private static void writeFully(WritableByteChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Bytes that are not this protocol: serve refuses them in a sentence and goes on. */
    static final class MalformedFrame extends IOException {
        MalformedFrame(String message) {
            super(message);
        }
    }
}
