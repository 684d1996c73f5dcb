package dev.wsnio.conformance.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.client.WebSocketClient;
import dev.wsnio.conformance.testee.Behaviour;
import dev.wsnio.conformance.testee.Flavour;
import dev.wsnio.conformance.testee.ForwardingListener;
import dev.wsnio.conformance.testee.TesteeListener;
import dev.wsnio.frame.MessageType;
import dev.wsnio.server.WebSocketServer;
import dev.wsnio.testkit.ChildProcess;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interop with another implementation driven by two small scripts of its own, a client and an
 * echo server (see {@code conformance/peers}): its client against our server, and our client
 * against its server, each with and without permessage-deflate. Text, binary, large and
 * fragmented messages, ping and close go both ways; every exchange is bounded in time.
 */
@Tag("interop")
abstract class ScriptPeerInteropTest {

    private static final Pattern CHECK = Pattern.compile("\\{\"check\": ?\"([^\"]+)\", ?\"ok\": ?(true|false)");
    private static final Set<String> CLIENT_CHECKS = Set.of("extensions", "text", "binary", "large-text",
            "large-binary", "fragmented", "ping", "close");

    private final List<AutoCloseable> running = new ArrayList<>();

    /** Fails when the peer is not installed. */
    abstract void requirePeer();

    /** The peer's scripts' directory. */
    abstract Path directory();

    /** The command that runs the peer's client against a URL. */
    abstract String[] clientCommand(String url, String mode);

    /** The command that runs the peer's echo server. */
    abstract String[] serverCommand(String mode);

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

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain", "deflate"})
    void peerClientAgainstOurServer(String mode) throws Exception {
        requirePeer();
        BlockingQueue<String> serverEvents = new LinkedBlockingQueue<>();
        WebSocketListener echo = new TesteeListener(Behaviour.ECHO);
        WebSocketServer.Builder builder = WebSocketServer.builder().maxMessageSize(64 << 20)
                .websocket("/echo", new ForwardingListener(echo) {
                    @Override
                    public void onOpen(WebSocket socket) {
                        serverEvents.add("open " + socket.extensions());
                    }

                    @Override
                    public void onPing(WebSocket socket, ByteBuffer data) {
                        serverEvents.add("ping " + StandardCharsets.UTF_8.decode(data));
                    }

                    @Override
                    public void onClose(WebSocket socket, int code, String reason) {
                        serverEvents.add("close " + code + " " + reason);
                    }
                });
        if (mode.equals("deflate")) {
            builder.permessageDeflate(); // our defaults: 1 KiB threshold, no context takeover
        }
        WebSocketServer server = track(builder.build().start());

        ChildProcess client = track(ChildProcess.start(directory(),
                clientCommand("ws://127.0.0.1:" + server.port() + "/echo", mode)));
        List<String> output = client.awaitSuccess(Duration.ofSeconds(40));
        Set<String> passed = new HashSet<>();
        for (String line : output) {
            Matcher check = CHECK.matcher(line);
            if (check.find()) {
                assertEquals("true", check.group(2), () -> "peer check failed: " + line + "; all: " + output);
                passed.add(check.group(1));
            }
        }
        assertEquals(CLIENT_CHECKS, passed, () -> "checks reported: " + output);
        assertTrue(output.contains("DONE"), () -> String.valueOf(output));

        String open = serverEvents.poll(5, TimeUnit.SECONDS);
        assertTrue(open != null && open.startsWith("open "), "the server saw the connection: " + open);
        assertEquals(mode.equals("deflate"), open.contains("permessage-deflate"), open);
        assertEquals("ping are you there", serverEvents.poll(5, TimeUnit.SECONDS));
        assertEquals("close 4000 bye", serverEvents.poll(5, TimeUnit.SECONDS));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain", "deflate"})
    void ourClientAgainstPeerServer(String mode) throws Exception {
        requirePeer();
        ChildProcess peer = track(ChildProcess.start(directory(), serverCommand(mode)));
        String listening = peer.awaitLineStartingWith("LISTENING ", Duration.ofSeconds(15));
        int port = Integer.parseInt(listening.substring("LISTENING ".length()).trim());

        WebSocketClient.Builder builder = WebSocketClient.builder().maxMessageSize(64 << 20);
        if (mode.equals("deflate")) {
            builder.permessageDeflate();
        }
        WebSocketClient client = builder.build();
        track(client);
        Collector received = new Collector();
        WebSocket socket = client.connect(URI.create("ws://127.0.0.1:" + port + "/echo"), received)
                .get(10, TimeUnit.SECONDS);
        assertEquals(mode.equals("deflate"), socket.extensions().startsWith("permessage-deflate"),
                "extensions: " + socket.extensions());

        socket.sendText("Hello, 世界");
        assertEquals("Hello, 世界", received.next(Collector.Text.class).text());
        byte[] small = new byte[256];
        for (int i = 0; i < small.length; i++) {
            small[i] = (byte) i;
        }
        socket.sendBinary(ByteBuffer.wrap(small));
        assertArrayEquals(small, received.next(Collector.Binary.class).data());
        String largeText = "κόσμε €😀 ".repeat(70_000);
        socket.sendText(largeText);
        assertEquals(largeText, received.next(Collector.Text.class).text());
        byte[] largeBinary = new byte[4 << 20];
        new Random(7).nextBytes(largeBinary);
        socket.sendBinary(ByteBuffer.wrap(largeBinary));
        assertArrayEquals(largeBinary, received.next(Collector.Binary.class).data());
        socket.sendFragment(MessageType.TEXT, ByteBuffer.wrap("frag".getBytes(StandardCharsets.UTF_8)), false);
        socket.sendFragment(MessageType.TEXT, ByteBuffer.wrap("ment".getBytes(StandardCharsets.UTF_8)), true);
        assertEquals("fragment", received.next(Collector.Text.class).text());
        socket.ping(ByteBuffer.wrap("are you there".getBytes(StandardCharsets.UTF_8)));
        assertEquals("are you there", received.next(Collector.Pong.class).data());

        socket.sendText("close-me"); // the peer closes with 4001 "asked"
        Collector.Closed closed = received.next(Collector.Closed.class);
        assertEquals(4001, closed.code());
        assertEquals("asked", closed.reason());
        String event = peer.awaitLineStartingWith("{\"event\": \"close\"".replace(" ", peerJsonSpace()), Duration.ofSeconds(10));
        assertTrue(event.contains("4001"), event);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"plain", "deflate"})
    void ourClientClosesFirstAndThePeerSeesIt(String mode) throws Exception {
        requirePeer();
        ChildProcess peer = track(ChildProcess.start(directory(), serverCommand(mode)));
        String listening = peer.awaitLineStartingWith("LISTENING ", Duration.ofSeconds(15));
        int port = Integer.parseInt(listening.substring("LISTENING ".length()).trim());
        WebSocketClient.Builder builder = WebSocketClient.builder();
        if (mode.equals("deflate")) {
            builder.permessageDeflate();
        }
        WebSocketClient client = builder.build();
        track(client);
        Collector received = new Collector();
        WebSocket socket = client.connect(URI.create("ws://127.0.0.1:" + port + "/echo"), received)
                .get(10, TimeUnit.SECONDS);
        socket.close(1000, "done").get(10, TimeUnit.SECONDS);
        Collector.Closed closed = received.next(Collector.Closed.class);
        assertEquals(1000, closed.code());
        String event = peer.awaitLineStartingWith("{\"event\": \"close\"".replace(" ", peerJsonSpace()), Duration.ofSeconds(10));
        assertTrue(event.contains("1000") && event.contains("done"), event);
    }

    /** Node's JSON has no space after a colon, Python's has one. */
    abstract String peerJsonSpace();
}
