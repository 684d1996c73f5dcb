package dev.wsnio.conformance.robustness;

import dev.wsnio.testkit.Gen;
import dev.wsnio.testkit.Generated;
import dev.wsnio.testkit.wire.Frame;
import dev.wsnio.testkit.wire.HandshakeText;
import dev.wsnio.testkit.wire.RawClient;
import dev.wsnio.testkit.wire.Wire;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing a live server (with its default limits): random bytes and mutated valid frame streams
 * after a valid handshake, and random bytes instead of a handshake. Whatever arrives, the server
 * answers only with well-formed frames (a close, if any, last and with a valid code) or an HTTP
 * response, closes the connection once we close ours, stays up for the next well-formed client,
 * and in the end holds no connection, channel or timer. Seeds are fixed so that runs repeat; a
 * failure names the seed that replays it.
 */
class ServerFuzzTest {

    private ProbedServer server;

    @BeforeEach
    void start() throws IOException {
        server = new ProbedServer(builder -> builder.handshakeTimeout(Duration.ofSeconds(2)));
        assertServerStillServes();
    }

    @AfterEach
    void stop() {
        try {
            server.awaitReleased(Duration.ofSeconds(5));
        } finally {
            server.close();
        }
    }

    @Test
    void randomBytesAfterTheHandshakeNeverHurtTheServer() {
        Generated.forAll(200, 6455, gen -> sendJunkAfterTheHandshake(gen.bytes(3000), gen.between(1, 700)));
    }

    private void sendJunkAfterTheHandshake(byte[] junk, int chunk) throws IOException {
        try (Wire wire = RawClient.upgrade(server.port(), "/echo", "")) {
            sendQuietly(wire, junk, chunk);
            expectWellFormedFramesUntilClosed(wire);
        }
        assertServerStillServes();
    }

    @Test
    void mutatedValidStreamsNeverHurtTheServer() {
        Generated.forAll(200, 7692, gen -> sendMutated(validStream(gen), mutations(gen), gen.between(1, 300)));
    }

    private void sendMutated(byte[] stream, List<int[]> mutations, int chunk) throws IOException {
        byte[] mutated = stream.clone();
        for (int[] mutation : mutations) {
            if (mutated.length > 0) {
                int at = Math.floorMod(mutation[0], mutated.length);
                mutated[at] ^= (byte) mutation[1];
            }
        }
        try (Wire wire = RawClient.upgrade(server.port(), "/echo", "")) {
            sendQuietly(wire, mutated, chunk);
            expectWellFormedFramesUntilClosed(wire);
        }
        assertServerStillServes();
    }

    @Test
    void randomBytesInsteadOfAHandshakeGetAnHttpAnswerOrNothing() {
        Generated.forAll(100, 2616, gen -> sendJunkInsteadOfAHandshake(gen.bytes(2000)));
    }

    private void sendJunkInsteadOfAHandshake(byte[] junk) throws IOException {
        try (Socket socket = RawClient.connect(server.port())) {
            byte[] request = junk.length % 3 == 0
                    ? junk // pure noise
                    : mixIntoRequest(junk); // a request with noise in it
            try {
                socket.getOutputStream().write(request);
                socket.shutdownOutput();
            } catch (IOException closedEarly) {
                // the server may answer and close before reading it all
            }
            String answer = readAll(socket.getInputStream());
            if (!answer.isEmpty() && !answer.startsWith("HTTP/1.1 ")) {
                throw new AssertionError("not an HTTP answer: " + answer.substring(0, Math.min(80, answer.length())));
            }
        }
        assertServerStillServes();
    }

    /** Up to 12 valid frames of any kind, fragments and control frames among them, masked. */
    private static byte[] validStream(Gen gen) {
        List<Frame> frames = gen.list(0, 12, () -> {
            int opcode = gen.pickInt(Frame.TEXT, Frame.BINARY, Frame.CONTINUATION, Frame.PING, Frame.PONG, Frame.CLOSE);
            boolean fin = gen.bool();
            byte[] payload = gen.anyString(200).getBytes(StandardCharsets.UTF_8);
            boolean control = (opcode & 0x8) != 0;
            if (control && payload.length > 125) {
                payload = Arrays.copyOf(payload, 123);
            }
            if (opcode == Frame.CLOSE) {
                return Frame.close(1000, "");
            }
            return new Frame(control || fin, 0, opcode, payload);
        });
        Random keys = new Random(frames.size());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Frame each : frames) {
            bytes.writeBytes(each.encode(keys));
        }
        return bytes.toByteArray();
    }

    /** Up to six bit flips: where (modulo the length) and which bits. */
    private static List<int[]> mutations(Gen gen) {
        return gen.list(0, 6, () -> new int[] {gen.between(0, 100_000), gen.between(1, 255)});
    }

    private static byte[] mixIntoRequest(byte[] junk) {
        byte[] request = HandshakeText.request("/echo", "").getBytes(StandardCharsets.ISO_8859_1);
        byte[] mixed = request.clone();
        for (int i = 0; i < junk.length && i < mixed.length; i += 7) {
            mixed[Math.floorMod(junk[i] * 31 + i, mixed.length)] = junk[i];
        }
        return mixed;
    }

    private static void sendQuietly(Wire wire, byte[] bytes, int chunk) {
        try {
            wire.sendInChunks(bytes, chunk);
            wire.shutdownOutput();
        } catch (IOException closedEarly) {
            // the server failed the connection before reading everything: allowed
        }
    }

    /**
     * Reads what the server sends until it closes: well-formed frames only (Wire checks masking
     * and length encoding), a close frame at most once, last, with a code allowed on the wire.
     */
    private static void expectWellFormedFramesUntilClosed(Wire wire) throws IOException {
        boolean closeSeen = false;
        while (true) {
            Frame frame;
            try {
                frame = wire.readFrame();
            } catch (EOFException | SocketException end) {
                return;
            }
            if (closeSeen) {
                throw new AssertionError("a frame after the server's close frame: " + frame);
            }
            int opcode = frame.opcode();
            if (frame.rsv() != 0 || !(opcode <= 2 || opcode >= 8 && opcode <= 10)) {
                throw new AssertionError("the server sent an invalid frame: " + frame);
            }
            if (opcode == Frame.CLOSE) {
                closeSeen = true;
                int code = frame.closeCode();
                boolean valid = frame.payload().length == 0 || code >= 3000 && code <= 4999
                        || code >= 1000 && code <= 1014 && code != 1004 && code != 1005 && code != 1006;
                if (!valid) {
                    throw new AssertionError("the server sent an invalid close code: " + frame);
                }
            }
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            int count;
            while ((count = in.read(buffer)) >= 0) {
                bytes.write(buffer, 0, count);
            }
        } catch (SocketException reset) {
            // what was read before the reset is what we judge
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    private void assertServerStillServes() throws IOException {
        try (Wire wire = RawClient.upgrade(server.port(), "/echo", "")) {
            wire.send(Frame.text("still there?"));
            wire.expectText("still there?");
            wire.closeCleanly(1000, "");
        }
    }
}
