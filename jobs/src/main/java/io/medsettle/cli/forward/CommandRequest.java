package io.medsettle.cli.forward;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the launcher asks serve to run: the arguments as the operator typed them, the directory
 * they were typed in (relative paths are relative to it), the environment that could change the
 * command's settings ({@link ForwardedEnvironment}), and the build the launcher would run, so that
 * a serve of an older build never runs a command for newer code.
 *
 * <p>Encoded as UTF-8 strings, each after its length in bytes: the build, the directory, the number
 * of variables and each name and value, the number of arguments and each argument.
 */
record CommandRequest(String build, String workingDirectory, Map<String, String> environment, List<String> arguments) {

    CommandRequest {
        environment = Collections.unmodifiableMap(new TreeMap<>(environment));
        arguments = List.copyOf(arguments);
    }

    byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            string(out, build);
            string(out, workingDirectory);
            out.writeInt(environment.size());
            for (Map.Entry<String, String> variable : environment.entrySet()) {
                string(out, variable.getKey());
                string(out, variable.getValue());
            }
            out.writeInt(arguments.size());
            for (String argument : arguments) {
                string(out, argument);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // In memory: never.
        }
        return bytes.toByteArray();
    }

    private static void string(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    /** The request in the bytes, or a {@link Frames.MalformedFrame} that says what is wrong with them. */
    static CommandRequest decode(byte[] payload) throws Frames.MalformedFrame {
        ByteBuffer in = ByteBuffer.wrap(payload);
        try {
            String build = string(in);
            String directory = string(in);
            int variables = count(in);
            Map<String, String> environment = new TreeMap<>();
            for (int i = 0; i < variables; i++) {
                environment.put(string(in), string(in));
            }
            int count = count(in);
            List<String> arguments = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                arguments.add(string(in));
            }
            if (in.hasRemaining()) {
                throw new Frames.MalformedFrame(in.remaining() + " bytes after the request's end");
            }
            return new CommandRequest(build, directory, environment, arguments);
        } catch (BufferUnderflowException e) {
            throw new Frames.MalformedFrame("the request ends in the middle of a value");
        }
    }

    /** A count no larger than the bytes left could hold (each item at least four bytes). */
    private static int count(ByteBuffer in) throws Frames.MalformedFrame {
        int count = in.getInt();
        if (count < 0 || count > in.remaining() / 4) {
            throw new Frames.MalformedFrame("a count of " + count + " items in " + in.remaining() + " bytes");
        }
        return count;
    }

    private static String string(ByteBuffer in) throws Frames.MalformedFrame {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new Frames.MalformedFrame("a text of " + length + " bytes in " + in.remaining() + " bytes");
        }
        ByteBuffer text = in.slice(in.position(), length);
        in.position(in.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(text).toString();
        } catch (CharacterCodingException e) {
            throw new Frames.MalformedFrame("a text that is not UTF-8");
        }
    }
}
