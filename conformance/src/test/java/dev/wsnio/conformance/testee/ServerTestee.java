package dev.wsnio.conformance.testee;

import dev.wsnio.conformance.wire.Side;
import dev.wsnio.conformance.wire.Wire;
import dev.wsnio.frame.SessionConfig;
import dev.wsnio.server.WebSocketServer;
import dev.wsnio.ConnectionSettings;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Our server as an Autobahn|Testsuite server testee: an echo on every {@link Behaviour}'s path,
 * with the limits such a testee raises (64 MiB messages and frames, a million fragments per
 * message, a 256 MiB send queue) so that the cases test the protocol, not our defaults.
 */
public final class ServerTestee implements Testee {

    /** The largest message and frame the testee accepts. */
    public static final long MAX_MESSAGE_SIZE = 64L << 20;
    /** The most fragments per message. */
    public static final int MAX_FRAGMENTS = 1 << 20;
    /** The send queue limit. */
    public static final long MAX_QUEUED_BYTES = 256L << 20;
    /** How long it waits for the peer's close frame or TCP close. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

    private final WebSocketServer server;
    private final String extensionOffer;

    /** Starts the testee with the raised limits. */
    public ServerTestee() {
        this(UnaryOperator.identity(), "");
    }

    /**
     * Starts the testee with the raised limits and more configuration (e.g. an extension).
     *
     * @param more applied to the builder last
     * @param extensionOffer the {@code Sec-WebSocket-Extensions} offer of {@link #open}, which
     *     the server must accept as it is, or "" for none
     */
    public ServerTestee(UnaryOperator<WebSocketServer.Builder> more, String extensionOffer) {
        this.extensionOffer = extensionOffer;
        WebSocketServer.Builder builder = WebSocketServer.builder()
                .eventLoops(1)
                .settings(settings());
        for (Behaviour behaviour : Behaviour.values()) {
            builder.websocket(behaviour.path(), new TesteeListener(behaviour));
        }
        this.server = more.apply(builder).build().start();
    }

    /** The connection settings of an Autobahn-style testee. */
    public static ConnectionSettings settings() {
        SessionConfig session = SessionConfig.DEFAULTS
                .withMaxMessageSize(MAX_MESSAGE_SIZE)
                .withMaxFrameSize(MAX_MESSAGE_SIZE)
                .withMaxFragmentsPerMessage(MAX_FRAGMENTS);
        return ConnectionSettings.DEFAULTS.withSession(session)
                .withMaxQueuedBytes(MAX_QUEUED_BYTES)
                .withCloseTimeout(CLOSE_TIMEOUT);
    }

    @Override
    public Side side() {
        return Side.SERVER;
    }

    /** The server under test. */
    public WebSocketServer server() {
        return server;
    }

    /**
     * A plain TCP connection to the server, for cases that write the handshake themselves.
     *
     * @return the connected socket
     * @throws IOException when connecting fails
     */
    public Socket connect() throws IOException {
        return connect(server.port());
    }

    /**
     * A plain TCP connection to a local port.
     *
     * @param port the port on 127.0.0.1
     * @return the connected socket, with the suite's read timeout
     * @throws IOException when connecting fails
     */
    public static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout((int) Wire.READ_TIMEOUT.toMillis());
        socket.setTcpNoDelay(true);
        return socket;
    }

    @Override
    public Wire open(Behaviour behaviour) throws IOException {
        if (extensionOffer.isEmpty()) {
            return upgrade(behaviour.path(), "");
        }
        return upgrade(behaviour.path(), "Sec-WebSocket-Extensions: " + extensionOffer + "\r\n", extensionOffer);
    }

    /**
     * Opens a connection with a valid handshake carrying extra headers.
     *
     * @param path the request target
     * @param extraHeaders header lines, each ending in CRLF
     * @return our end of the connection
     * @throws IOException when connecting fails or the server does not answer 101 correctly
     */
    public Wire upgrade(String path, String extraHeaders) throws IOException {
        return upgrade(path, extraHeaders, null);
    }

    /**
     * Opens a connection with a valid handshake carrying extra headers, and checks the
     * extensions the server agreed to.
     *
     * @param path the request target
     * @param extraHeaders header lines, each ending in CRLF
     * @param agreedExtensions the expected {@code Sec-WebSocket-Extensions} of the response,
     *     exactly, or null for none
     * @return our end of the connection
     * @throws IOException when connecting fails or the server does not answer 101 correctly
     */
    public Wire upgrade(String path, String extraHeaders, String agreedExtensions) throws IOException {
        return upgrade(server.port(), path, extraHeaders, agreedExtensions);
    }

    /**
     * Opens a connection to any local server with a valid handshake and checks its 101.
     *
     * @param port the server's port on 127.0.0.1
     * @param path the request target
     * @param extraHeaders header lines, each ending in CRLF
     * @param agreedExtensions the expected {@code Sec-WebSocket-Extensions} of the response,
     *     exactly, or null for none
     * @return our end of the connection
     * @throws IOException when connecting fails or the server does not answer 101 correctly
     */
    public static Wire upgrade(int port, String path, String extraHeaders, String agreedExtensions)
            throws IOException {
        Socket socket = connect(port);
        try {
            socket.getOutputStream().write(HandshakeText.request(path, extraHeaders)
                    .getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String head = HandshakeText.readHead(in);
            checkSwitchingProtocols(head);
            String extensions = HandshakeText.header(head, "Sec-WebSocket-Extensions");
            if (agreedExtensions == null ? extensions != null : !agreedExtensions.equals(extensions)) {
                throw new AssertionError("expected Sec-WebSocket-Extensions: " + agreedExtensions + ", got: " + head);
            }
            return new Wire(socket, in, Side.SERVER);
        } catch (IOException | RuntimeException | Error e) {
            socket.close();
            throw e;
        }
    }

    /** §4.2.2 item 5: the 101 response and its three required headers. */
    private static void checkSwitchingProtocols(String head) {
        if (!head.startsWith("HTTP/1.1 101 ")) {
            throw new AssertionError("expected 101 Switching Protocols, got: " + head);
        }
        String accept = HandshakeText.header(head, "Sec-WebSocket-Accept");
        if (!HandshakeText.acceptFor(HandshakeText.SAMPLE_KEY).equals(accept)) {
            throw new AssertionError("wrong Sec-WebSocket-Accept: " + head);
        }
        if (!"websocket".equalsIgnoreCase(HandshakeText.header(head, "Upgrade"))
                || !"upgrade".equalsIgnoreCase(HandshakeText.header(head, "Connection"))) {
            throw new AssertionError("101 without Upgrade: websocket and Connection: Upgrade: " + head);
        }
    }

    @Override
    public void awaitAllReleased() {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.tcpConnectionCount() != 0 || !server.connections().isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the server still holds " + server.tcpConnectionCount()
                        + " TCP connections (" + server.connections().size() + " WebSocket)");
            }
            sleepBriefly();
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
