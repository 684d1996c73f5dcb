package dev.wsnio.testkit.wire;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

/**
 * The suite's end of one WebSocket connection, after the opening handshake: it writes exactly
 * the frames a case gives it (masked when it plays the client) and reads what the endpoint
 * under test sends, checking on every frame what RFC 6455 requires of a sender whatever the
 * case: masking in the right direction only (§5.1, §5.3) and the shortest length form (§5.2:
 * "the minimal number of bytes MUST be used to encode the length").
 *
 * <p>Every expectation throws an {@link AssertionError} that says what arrived instead; a
 * read that waits longer than the timeout fails the case the same way.
 */
public final class Wire implements AutoCloseable {

    /** How long any single expectation waits. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Side testee;
    private final Random maskKeys = new Random(6455);

    /**
     * Wraps a connection whose handshake is complete.
     *
     * @param socket the connected socket
     * @param in its input, positioned right after the handshake
     * @param testee the endpoint at the other end
     * @throws IOException when the socket cannot be configured
     */
    public Wire(Socket socket, InputStream in, Side testee) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(in instanceof BufferedInputStream ? in : new BufferedInputStream(in));
        this.out = socket.getOutputStream();
        this.testee = testee;
        socket.setTcpNoDelay(true);
        socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
    }

    /** The endpoint under test. */
    public Side testee() {
        return testee;
    }

    /** The socket, for cases that need its options (e.g. SO_LINGER for a reset). */
    public Socket socket() {
        return socket;
    }

    // ------------------------------------------------------------- sending

    /**
     * Encodes a frame as this end sends it: masked with a fresh key when playing the client.
     *
     * @param frame the frame
     * @return its bytes
     */
    public byte[] encode(Frame frame) {
        return frame.encode(testee.peerMasks() ? maskKeys : null);
    }

    /**
     * Encodes a frame with the masking a correct peer would NOT use (§5.1): unmasked towards a
     * server, masked towards a client.
     *
     * @param frame the frame
     * @return its bytes
     */
    public byte[] encodeWronglyMasked(Frame frame) {
        return frame.encode(testee.peerMasks() ? null : maskKeys);
    }

    /**
     * Sends frames in one write (one TCP segment when small).
     *
     * @param frames the frames, in order
     * @throws IOException when writing fails
     */
    public void send(Frame... frames) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Frame frame : frames) {
            bytes.writeBytes(encode(frame));
        }
        sendRaw(bytes.toByteArray());
    }

    /**
     * Sends frames with one write each.
     *
     * @param frames the frames, in order
     * @throws IOException when writing fails
     */
    public void sendEach(Frame... frames) throws IOException {
        for (Frame frame : frames) {
            sendRaw(encode(frame));
        }
    }

    /**
     * Sends bytes as they are.
     *
     * @param bytes what to write
     * @throws IOException when writing fails
     */
    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /**
     * Sends bytes in writes of at most {@code chunk} bytes each.
     *
     * @param bytes what to write
     * @param chunk the largest write
     * @throws IOException when writing fails
     */
    public void sendInChunks(byte[] bytes, int chunk) throws IOException {
        for (int at = 0; at < bytes.length; at += chunk) {
            out.write(bytes, at, Math.min(chunk, bytes.length - at));
            out.flush();
        }
    }

    /** Closes our sending side (TCP FIN) and keeps reading. */
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    // ------------------------------------------------------------- receiving

    /**
     * Reads the next frame, checking the masking direction and the length encoding.
     *
     * @return the frame, unmasked
     * @throws IOException when the connection ends or the read times out
     * @throws AssertionError when the frame breaks a sender's MUST
     */
    public Frame readFrame() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        boolean masked = (second & 0x80) != 0;
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
            check(length > 125, "length " + length + " sent in the 16-bit form (§5.2: minimal form)");
        } else if (length == 127) {
            length = in.readLong();
            check(length > 0xFFFF, "length " + length + " sent in the 64-bit form (§5.2: minimal form)");
            check(length <= Integer.MAX_VALUE, "length " + length + " too large for this suite");
        }
        check(masked == testee.testeeMasks(), testee.testeeMasks()
                ? "a client frame is not masked (§5.3: a client MUST mask)"
                : "a server frame is masked (§5.1: a server MUST NOT mask)");
        byte[] key = new byte[4];
        if (masked) {
            in.readFully(key);
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        if (masked) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= key[i & 3];
            }
        }
        return new Frame((first & 0x80) != 0, first & 0x70, first & 0x0F, payload);
    }

    /**
     * Expects exactly this frame next: same FIN, RSV, opcode and payload.
     *
     * @param expected the frame
     * @throws IOException when the connection ends or the read times out
     */
    public void expectFrame(Frame expected) throws IOException {
        Frame actual = next("expected " + expected);
        check(expected.equals(actual), "expected " + expected + " but got " + actual);
    }

    /**
     * Expects a compressed message (RFC 7692 §6: RSV1 on its first frame only), in one frame
     * or several, and checks what it inflates to.
     *
     * @param codec the connection's permessage-deflate state
     * @param opcode the message's opcode
     * @param message the expected message
     * @throws IOException when the connection ends or the read times out
     */
    public void expectCompressed(DeflateCodec codec, int opcode, byte[] message) throws IOException {
        Frame first = next("expected a compressed message");
        check(first.opcode() == opcode && first.rsv() == Frame.RSV1,
                "expected a compressed message (opcode " + opcode + ", RSV1) but got " + first);
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.writeBytes(first.payload());
        Frame frame = first;
        while (!frame.fin()) {
            frame = next("expected the rest of a compressed message");
            check(frame.opcode() == Frame.CONTINUATION && frame.rsv() == 0,
                    "expected a continuation without RSV bits but got " + frame);
            payload.writeBytes(frame.payload());
        }
        byte[] inflated = codec.inflate(payload.toByteArray());
        check(Arrays.equals(message, inflated), "the compressed message inflates to " + inflated.length
                + " bytes that differ from the " + message.length + " expected");
    }

    /**
     * Expects a text message of one frame, exactly.
     *
     * @param text the message
     * @throws IOException when the connection ends or the read times out
     */
    public void expectText(String text) throws IOException {
        expectFrame(Frame.text(text));
    }

    /**
     * Expects a text message with these bytes in one frame.
     *
     * @param utf8 the message's bytes
     * @throws IOException when the connection ends or the read times out
     */
    public void expectText(byte[] utf8) throws IOException {
        expectFrame(Frame.text(utf8));
    }

    /**
     * Expects a binary message of one frame, exactly.
     *
     * @param data the message
     * @throws IOException when the connection ends or the read times out
     */
    public void expectBinary(byte[] data) throws IOException {
        expectFrame(Frame.binary(data));
    }

    /**
     * Expects a pong with this payload (§5.5.3: "identical Application data" to the ping).
     *
     * @param data the ping's payload
     * @throws IOException when the connection ends or the read times out
     */
    public void expectPong(byte[] data) throws IOException {
        expectFrame(Frame.pong(data));
    }

    /**
     * Expects a close frame with this status code (any reason, which must be valid UTF-8).
     *
     * @param code the expected code
     * @return the close frame
     * @throws IOException when the connection ends or the read times out
     */
    public Frame expectClose(int code) throws IOException {
        Frame close = next("expected a close frame with " + code);
        check(close.opcode() == Frame.CLOSE && close.fin() && close.rsv() == 0,
                "expected a close frame with " + code + " but got " + close);
        check(close.payload().length >= 2 && close.closeCode() == code,
                "expected close code " + code + " but got " + close);
        String reason = new String(close.payload(), 2, close.payload().length - 2, StandardCharsets.UTF_8);
        check(Arrays.equals(reason.getBytes(StandardCharsets.UTF_8),
                Arrays.copyOfRange(close.payload(), 2, close.payload().length)),
                "the close reason is not valid UTF-8: " + close);
        return close;
    }

    /**
     * Expects the endpoint to fail the connection (§7.1.7): a close frame with this code, then
     * nothing but the end of the stream.
     *
     * @param code the close code the violation calls for
     * @throws IOException when the connection ends or the read times out
     */
    public void expectFailure(int code) throws IOException {
        expectClose(code);
        expectEndOfStream();
    }

    /**
     * Expects the endpoint to close (or half-close) TCP with nothing more sent: a clean FIN,
     * not a reset.
     *
     * @throws IOException when the read times out
     */
    public void expectEndOfStream() throws IOException {
        int next;
        try {
            next = in.read();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("expected the end of the stream, but TCP stayed open for "
                    + READ_TIMEOUT.toMillis() + " ms");
        } catch (SocketException e) {
            throw new AssertionError("expected a clean end of the stream, got: " + e.getMessage());
        }
        if (next >= 0) {
            throw new AssertionError("expected the end of the stream, but more bytes came: "
                    + String.format("%02x", next) + " (" + describeRest(next) + ")");
        }
    }

    /**
     * Expects nothing to arrive for a while: no frame, and no end of the stream.
     *
     * @param quiet how long
     * @throws IOException when reading fails
     */
    public void expectSilenceFor(Duration quiet) throws IOException {
        socket.setSoTimeout((int) quiet.toMillis());
        try {
            int next = in.read();
            throw new AssertionError(next < 0 ? "expected silence, but the stream ended"
                    : "expected silence, but got " + describeRest(next));
        } catch (SocketTimeoutException expected) {
            // nothing came: good
        } finally {
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        }
    }

    /**
     * Completes a closing handshake after both close frames went by, the way RFC 6455 §7.1.1
     * splits the work: a server closes TCP first, so from our server we expect the end of the
     * stream; a client waits for the server, so towards our client we close our side first
     * and then expect its end.
     *
     * @throws IOException when reading fails
     */
    public void finishClosingHandshake() throws IOException {
        if (testee == Side.CLIENT) {
            shutdownOutput();
        }
        expectEndOfStream();
    }

    /**
     * A clean close initiated by us: sends a close frame with the code, expects it echoed (§5.5.1),
     * then the TCP close.
     *
     * @param code the status code
     * @param reason the reason
     * @throws IOException when the connection ends early or a read times out
     */
    public void closeCleanly(int code, String reason) throws IOException {
        send(Frame.close(code, reason));
        expectClose(code);
        finishClosingHandshake();
    }

    private Frame next(String expectation) throws IOException {
        try {
            return readFrame();
        } catch (SocketTimeoutException e) {
            throw new AssertionError(expectation + ", but nothing came within "
                    + READ_TIMEOUT.toMillis() + " ms");
        } catch (EOFException e) {
            throw new AssertionError(expectation + ", but the stream ended");
        } catch (SocketException e) {
            throw new AssertionError(expectation + ", but the connection failed: " + e.getMessage());
        }
    }

    /** Tries to parse what follows a first byte, for a failure message. */
    private String describeRest(int first) {
        try {
            socket.setSoTimeout(200);
            int second = in.read();
            if (second < 0) {
                return "one byte, then the end";
            }
            return "a frame starting " + String.format("%02x %02x", first, second);
        } catch (IOException e) {
            return "one byte";
        }
    }

    private static void check(boolean condition, String failure) {
        if (!condition) {
            throw new AssertionError(failure);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
