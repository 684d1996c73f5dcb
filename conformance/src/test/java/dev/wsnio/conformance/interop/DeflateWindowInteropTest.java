package dev.wsnio.conformance.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.client.WebSocketClient;
import dev.wsnio.frame.MessageType;
import dev.wsnio.frame.PerMessageDeflateConfig;
import dev.wsnio.server.WebSocketServer;
import dev.wsnio.testkit.ChildProcess;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * permessage-deflate with small windows against another implementation (RFC 7692 §7.1.2), in
 * both roles: the peer's scripts ({@code deflate-client}, {@code deflate-server} in
 * {@code conformance/peers}) negotiate {@code server_max_window_bits} and
 * {@code client_max_window_bits}, with and without context takeover, and decompress with zlib
 * limited to exactly the negotiated window, so that any back-reference of ours beyond it fails
 * the exchange. Messages go from 1 byte to the 1 MiB limit, text and binary, whole and
 * fragmented; a random (incompressible) message of exactly the limit passes both ways, one byte
 * more is refused with 1009.
 */
@Tag("interop")
abstract class DeflateWindowInteropTest {

    /** The message size limit on both ends. */
    private static final int MAX = 1 << 20;
    private static final Pattern CHECK = Pattern.compile(
            "\\{\"check\": ?\"([^\"]+)\", ?\"ok\": ?(true|false), ?\"detail\": ?\"([^\"]*)\"");
    private static final int[] SIZES = {1, 200, 5000, 70_000, MAX - 1};

    private final List<AutoCloseable> running = new ArrayList<>();

    /** Fails when the peer is not installed. */
    abstract void requirePeer();

    /** The peer's scripts' directory. */
    abstract Path directory();

    /** The command that runs the peer's client: url, server window, "takeover" or "fresh", limit. */
    abstract String[] clientCommand(String url, int serverBits, String context, int maxSize);

    /** The command that runs the peer's echo server: windows, "takeover" or "fresh", limit. */
    abstract String[] serverCommand(int serverBits, int clientBits, String context, int maxSize);

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        running.add(resource);
        return resource;
    }

    /** The parameters a header value holds, e.g. {"server_max_window_bits=9", "client_no_context_takeover"}. */
    private static Set<String> parameters(String extensions) {
        String[] parts = extensions.split(";");
        assertEquals("permessage-deflate", parts[0].trim(), extensions);
        return Arrays.stream(parts).skip(1).map(String::trim).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> expectedParameters(int serverBits, int clientBits, boolean fresh) {
        Set<String> expected = new TreeSet<>();
        if (fresh) {
            expected.add("server_no_context_takeover");
            expected.add("client_no_context_takeover");
        }
        if (serverBits < 15) {
            expected.add("server_max_window_bits=" + serverBits);
        }
        if (clientBits < 15) {
            expected.add("client_max_window_bits=" + clientBits);
        }
        return expected;
    }

    @ParameterizedTest(name = "server window {0}, client window {1}, {2}")
    @CsvSource({"9, 15, fresh", "9, 9, takeover", "12, 10, takeover", "8, 15, takeover"})
    void peerClientAgainstOurServer(int serverBits, int clientBits, String context) throws Exception {
        requirePeer();
        boolean fresh = context.equals("fresh");
        BlockingQueue<String> opened = new LinkedBlockingQueue<>();
        PerMessageDeflateConfig config = PerMessageDeflateConfig.DEFAULTS.withCompressionThreshold(0)
                .withNoContextTakeover(fresh).withRequestPeerNoContextTakeover(fresh)
                .withRequestedPeerMaxWindowBits(clientBits);
        WebSocketServer server = track(WebSocketServer.builder().maxMessageSize(MAX).permessageDeflate(config)
                .websocket("/echo", new WebSocketListener() {
                    @Override
                    public void onOpen(WebSocket socket) {
                        opened.add(socket.extensions());
                    }

                    @Override
                    public void onText(WebSocket socket, String text) {
                        socket.sendText(text);
                    }

                    @Override
                    public void onBinary(WebSocket socket, ByteBuffer data) {
                        socket.sendBinary(data);
                    }
                }).build().start());

        ChildProcess client = track(ChildProcess.start(directory(),
                clientCommand("ws://127.0.0.1:" + server.port() + "/echo", serverBits, context, MAX)));
        List<String> output = client.awaitSuccess(Duration.ofSeconds(90));
        Set<String> passed = new HashSet<>();
        for (String line : output) {
            Matcher check = CHECK.matcher(line);
            if (check.find()) {
                assertEquals("true", check.group(2), () -> "peer check failed: " + line + "; all: " + output);
                passed.add(check.group(1));
                if (check.group(1).equals("extensions")) {
                    assertEquals(expectedParameters(serverBits, clientBits, fresh), parameters(check.group(3)), line);
                }
            }
        }
        Set<String> expectedChecks = new TreeSet<>(Set.of("extensions", "text-fragmented", "binary-fragmented",
                "random-exactly-max-size", "one-byte-more-refused"));
        for (int size : SIZES) {
            expectedChecks.add("text-" + size);
            expectedChecks.add("binary-" + size);
        }
        assertEquals(expectedChecks, new TreeSet<>(passed), () -> "checks reported: " + output);
        assertTrue(output.contains("DONE"), () -> String.valueOf(output));
        assertEquals(expectedParameters(serverBits, clientBits, fresh), parameters(opened.poll(5, TimeUnit.SECONDS)));
    }

    @ParameterizedTest(name = "server window {0}, client window {1}, {2}")
    @CsvSource({"9, 9, fresh", "12, 10, takeover", "15, 8, takeover"})
    void ourClientAgainstPeerServer(int serverBits, int clientBits, String context) throws Exception {
        requirePeer();
        boolean fresh = context.equals("fresh");
        ChildProcess peer = track(ChildProcess.start(directory(), serverCommand(serverBits, clientBits, context, MAX)));
        String listening = peer.awaitLineStartingWith("LISTENING ", Duration.ofSeconds(15));
        int port = Integer.parseInt(listening.substring("LISTENING ".length()).trim());
        PerMessageDeflateConfig config = PerMessageDeflateConfig.DEFAULTS.withCompressionThreshold(0)
                .withNoContextTakeover(fresh).withRequestPeerNoContextTakeover(fresh);
        WebSocketClient client = track(WebSocketClient.builder().maxMessageSize(MAX).permessageDeflate(config).build());
        Collector received = new Collector();
        WebSocket socket = client.connect(URI.create("ws://127.0.0.1:" + port + "/echo"), received)
                .get(10, TimeUnit.SECONDS);
        Set<String> expected = expectedParameters(serverBits, clientBits, fresh);
        expected.add("server_max_window_bits=" + serverBits); // both peers say it, even for 15
        assertEquals(expected, parameters(socket.extensions()));

        Random random = new Random(serverBits * 31L + clientBits);
        for (boolean binary : new boolean[] {false, true}) {
            for (int size : SIZES) {
                byte[] message = message(random, size, binary);
                send(socket, message, binary);
                expectEcho(received, message, binary, (binary ? "binary-" : "text-") + size);
            }
            byte[] whole = message(random, 70_000, binary);
            MessageType type = binary ? MessageType.BINARY : MessageType.TEXT;
            socket.sendFragment(type, ByteBuffer.wrap(whole, 0, 1000), false);
            socket.sendFragment(type, ByteBuffer.wrap(whole, 1000, 39_000), false);
            socket.sendFragment(type, ByteBuffer.wrap(whole, 40_000, 30_000), true);
            expectEcho(received, whole, binary, "fragmented");
        }
        // Random bytes do not compress: the peer's compressed echo is larger than the limit,
        // which must not make us refuse it (the decompressed size is what the limit is about).
        byte[] noise = new byte[MAX];
        random.nextBytes(noise);
        socket.sendBinary(ByteBuffer.wrap(noise));
        expectEcho(received, noise, true, "random-exactly-max-size");
        byte[] tooBig = new byte[MAX + 1];
        random.nextBytes(tooBig);
        socket.sendBinary(ByteBuffer.wrap(tooBig));
        assertEquals(1009, received.next(Collector.Closed.class).code(), "the peer refuses one byte more");
    }

    /** A message whose 3,000-byte block repeats: references reach 3,000 bytes back. */
    private static byte[] message(Random random, int size, boolean binary) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz {}\":,0123456789";
        byte[] block = new byte[Math.min(size, 3000)];
        random.nextBytes(block);
        if (!binary) {
            for (int i = 0; i < block.length; i++) {
                block[i] = (byte) alphabet.charAt((block[i] & 0xFF) % alphabet.length());
            }
        }
        byte[] whole = new byte[size];
        for (int offset = 0; offset < size; offset += block.length) {
            System.arraycopy(block, 0, whole, offset, Math.min(block.length, size - offset));
        }
        return whole;
    }

    private static void send(WebSocket socket, byte[] message, boolean binary) {
        if (binary) {
            socket.sendBinary(ByteBuffer.wrap(message));
        } else {
            socket.sendText(new String(message, StandardCharsets.US_ASCII));
        }
    }

    private static void expectEcho(Collector received, byte[] message, boolean binary, String what)
            throws InterruptedException {
        if (binary) {
            assertArrayEquals(message, received.next(Collector.Binary.class).data(), what);
        } else {
            assertEquals(new String(message, StandardCharsets.US_ASCII), received.next(Collector.Text.class).text(), what);
        }
    }
}
