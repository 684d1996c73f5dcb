package dev.wsnio.conformance.testee;

import dev.wsnio.ConnectionSettings;
import dev.wsnio.frame.SessionConfig;
import dev.wsnio.server.WebSocketServer;
import dev.wsnio.testkit.wire.RawClient;
import dev.wsnio.testkit.wire.Side;
import dev.wsnio.testkit.wire.Wire;
import java.io.IOException;
import java.net.Socket;
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
        return RawClient.connect(server.port());
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
        return RawClient.upgrade(server.port(), path, extraHeaders, agreedExtensions);
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
