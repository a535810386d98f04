package io.medsettle.cli.forward;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;

/**
 * Serve's side of a client's connection once the command runs: its frames, one writer at a time.
 *
 * <p>A client that went away (its operator pressed Ctrl-C, or closed the terminal) is written to no
 * more, and the command goes on printing into nothing: it completes in serve as a run started
 * from the console would, and its outcome is in serve's log. Stopping it halfway would leave what
 * a killed process leaves, which the runs recover from but need not.
 */
final class ClientConnection {

    private final SocketChannel channel;
    private boolean gone;

    ClientConnection(SocketChannel channel) {
        this.channel = channel;
    }

    /** Whether the client went away; once gone, nothing more is sent. */
    synchronized boolean gone() {
        return gone;
    }

    synchronized void send(byte type, byte[] payload) {
        send(type, payload, 0, payload.length);
    }

    synchronized void send(byte type, byte[] bytes, int offset, int length) {
        if (gone) {
            return;
        }
        try {
            int sent = 0;
            do {
                int piece = Math.min(Frames.MAX_ANSWER, length - sent);
                Frames.write(channel, type, bytes, offset + sent, piece);
                sent += piece;
            } while (sent < length);
        } catch (IOException e) {
            gone = true;
        }
    }

    /** The client's standard output or error: each write a frame. */
    OutputStream stream(byte type) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                send(type, new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                if (length > 0) {
                    send(type, bytes, offset, length);
                }
            }
        };
    }
}
