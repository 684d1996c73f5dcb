package dev.wsnio.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.client.RecordingListener.Event;
import dev.wsnio.client.RecordingListener.Kind;
import dev.wsnio.frame.MessageType;
import dev.wsnio.server.WebSocketServer;
import dev.wsnio.WebSocket;
import java.net.InetAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against the project's server over loopback: messages of every kind, both closes. */
class ClientMessagingTest {

    private final EchoServer echo = new EchoServer();
    private WebSocketServer server;
    private WebSocketClient client;
    private final RecordingListener events = new RecordingListener();

    @BeforeEach
    void start() {
        server = echo.builder().maxMessageSize(32 << 20).build().start();
        client = WebSocketClient.builder().eventLoops(1).maxMessageSize(32 << 20).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private WebSocket open(URI uri) throws Exception {
        WebSocket socket = client.connect(uri, events).get(10, TimeUnit.SECONDS);
        assertSame(socket, events.next(Kind.OPEN).socket());
        return socket;
    }

    @Test
    void echoesTextAndBinaryMessages() throws Exception {
        WebSocket socket = open(EchoServer.uri(server, "/echo"));
        socket.sendText("héllo, 世界").get(5, TimeUnit.SECONDS);
        assertEquals("héllo, 世界", events.next(Kind.TEXT).text());
        socket.sendBinary(ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 255}));
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 255}, events.next(Kind.BINARY).data());
        assertEquals("héllo, 世界", echo.events.await(Kind.TEXT).text());
    }

    @Test
    void sendsAndReceivesFragmentedMessages() throws Exception {
        WebSocket socket = open(EchoServer.uri(server, "/echo"));
        socket.sendFragment(MessageType.TEXT, utf8("frag"), false);
        socket.sendFragment(MessageType.TEXT, utf8("men"), false);
        socket.sendFragment(MessageType.TEXT, utf8("ted"), true);
        assertEquals("fragmented", events.next(Kind.TEXT).text());

        socket.sendText("fragments:one,two,three");
        assertEquals("onetwothree", events.next(Kind.TEXT).text());
    }

    @Test
    void carriesSixteenMebibyteMessagesWhenLimitsAreRaised() throws Exception {
        WebSocket socket = open(EchoServer.uri(server, "/echo"));
        byte[] large = new byte[16 << 20];
        new Random(6455).nextBytes(large);
        socket.sendBinary(ByteBuffer.wrap(large)).get(10, TimeUnit.SECONDS);
        assertArrayEquals(large, events.next(Kind.BINARY).data());
    }

    @Test
    void refusesMessagesOverItsLimitWith1009() throws Exception {
        try (WebSocketClient strict = WebSocketClient.builder().eventLoops(1).maxMessageSize(1024).build()) {
            WebSocket socket = strict.connect(EchoServer.uri(server, "/echo"), events).get(10, TimeUnit.SECONDS);
            events.next(Kind.OPEN);
            socket.sendText("x".repeat(2000)); // the server echoes it: too big for this client
            Event error = events.next(Kind.ERROR);
            assertEquals(1009, ((dev.wsnio.frame.WebSocketProtocolException) error.error()).closeCode());
            assertEquals(1009, echo.events.await(Kind.CLOSE).code());
        }
    }

    @Test
    void answersPingsAndReportsPongs() throws Exception {
        WebSocket socket = open(EchoServer.uri(server, "/echo"));
        socket.ping(utf8("are you there")).get(5, TimeUnit.SECONDS);
        assertEquals("are you there", new String(events.next(Kind.PONG).data(), StandardCharsets.UTF_8));

        socket.sendText("ping:knock");
        assertEquals("knock", new String(events.next(Kind.PING).data(), StandardCharsets.UTF_8));
        assertEquals("knock", new String(echo.events.await(Kind.PONG).data(), StandardCharsets.UTF_8));
    }

    @Test
    void closesFromTheClientSide() throws Exception {
        WebSocket socket = open(EchoServer.uri(server, "/echo"));
        socket.close(1000, "done").get(5, TimeUnit.SECONDS);
        assertEquals(1000, events.next(Kind.CLOSE).code()); // the server's echo (RFC 6455 §5.5.1)
        Event serverSide = echo.events.await(Kind.CLOSE);
        assertEquals(1000, serverSide.code());
        assertEquals("done", serverSide.text());
        assertFalse(socket.isOpen());
    }

    @Test
    void closesFromTheServerSide() throws Exception {
        WebSocket socket = open(EchoServer.uri(server, "/echo"));
        socket.sendText("close:4001:bye now");
        Event closed = events.next(Kind.CLOSE);
        assertEquals(4001, closed.code());
        assertEquals("bye now", closed.text());
        assertEquals(4001, echo.events.await(Kind.CLOSE).code());
        assertFalse(socket.isOpen());
    }

    @Test
    void sendsHeadersAndSubprotocolsAndReportsTheRequest() throws Exception {
        ConnectOptions options = ConnectOptions.builder(EchoServer.uri(server, "/echo?uid=ttq123"))
                .header("Origin", "http://127.0.0.1")
                .header("X-Trace", "abc")
                .subprotocols("chat.v1", "chat.v3")
                .build();
        WebSocket socket = client.connect(options, events).get(10, TimeUnit.SECONDS);
        assertEquals("chat.v1", socket.subprotocol());
        assertEquals("/echo", socket.request().path());
        assertEquals("ttq123", socket.request().queryParameter("uid").orElseThrow());
        assertEquals("abc", socket.request().header("X-Trace").orElseThrow());

        WebSocket serverSide = echo.events.await(Kind.OPEN).socket();
        assertEquals("abc", serverSide.request().header("X-Trace").orElseThrow());
        assertEquals("http://127.0.0.1", serverSide.request().origin().orElseThrow());
        assertEquals("chat.v1", serverSide.subprotocol());
    }

    @Test
    void resolvesHostNamesOffTheLoop() throws Exception {
        // server.test is 127.0.0.1 in the test hosts file (see the surefire configuration)
        WebSocket socket = open(URI.create("ws://server.test:" + server.port() + "/echo"));
        assertEquals("server.test:" + server.port(), socket.request().header("Host").orElseThrow());
        socket.sendText("by name");
        assertEquals("by name", events.next(Kind.TEXT).text());
    }

    @Test
    void connectsToAnIpv6Literal() throws Exception {
        try (WebSocketServer v6 = echo.builder().host("::1").build().start()) {
            WebSocket socket = open(URI.create("ws://[::1]:" + v6.port() + "/echo"));
            assertEquals(InetAddress.getByName("::1"), socket.remoteAddress().getAddress());
            socket.sendText("six");
            assertEquals("six", events.next(Kind.TEXT).text());
        }
    }

    @Test
    void bindsTheChosenLocalAddress() throws Exception {
        InetAddress local = InetAddress.getByName("127.0.0.2");
        WebSocket socket = client.connect(ConnectOptions.builder(EchoServer.uri(server, "/echo"))
                .localAddress(local).build(), events).get(10, TimeUnit.SECONDS);
        assertEquals(local, socket.localAddress().getAddress());
        assertEquals(local, echo.events.await(Kind.OPEN).socket().remoteAddress().getAddress());
    }

    @Test
    void sendsFailFastOnceClosed() throws Exception {
        WebSocket socket = open(EchoServer.uri(server, "/echo"));
        socket.close().get(5, TimeUnit.SECONDS);
        assertTrue(socket.sendText("late").isCompletedExceptionally());
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
