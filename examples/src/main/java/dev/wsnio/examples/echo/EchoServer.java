package dev.wsnio.examples.echo;

import dev.wsnio.examples.PerMessageDeflateSetup;
import dev.wsnio.frame.SessionConfig;
import dev.wsnio.handshake.HttpResponse;
import dev.wsnio.server.WebSocketServer;
import dev.wsnio.ConnectionSettings;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The echo testee: a server that sends every message back, accepts permessage-deflate when a
 * client offers it, and has limits raised far above the defaults so that conformance suites (the Autobahn|Testsuite sends messages of up to 16 MiB,
 * in up to a million fragments) and load tools are not refused. WebSocket on {@code /}, and a
 * plain {@code GET /} that says what this is; over TLS when given a context.
 */
public final class EchoServer {

    /** Default largest message and frame: 64 MiB. */
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 64L << 20;
    /** The most fragments one message may take: 2^20. */
    public static final int MAX_FRAGMENTS = 1 << 20;
    /** The send-queue limit per connection: 128 MiB, room for two echoed maximal messages. */
    public static final long MAX_QUEUED_BYTES = 128L << 20;

    private EchoServer() {
    }

    /**
     * Configures an echo server (not started); heartbeats are off, permessage-deflate accepted.
     *
     * @param host the address to listen on
     * @param port the port, 0 for any free one
     * @param maxMessageSize the largest message and frame accepted
     * @param tls the TLS context for {@code wss://}, or empty for {@code ws://}
     * @return the server, to be started
     */
    public static WebSocketServer create(String host, int port, long maxMessageSize, Optional<SSLContext> tls) {
        WebSocketServer.Builder server = WebSocketServer.builder()
                .host(host)
                .port(port)
                .http("/", request -> HttpResponse.builder(200)
                        .textBody("wsnio echo server: connect a WebSocket client to this URL\n").build())
                .websocket("/", new EchoListener())
                .settings(settings(maxMessageSize));
        tls.ifPresent(server::tls);
        return PerMessageDeflateSetup.accept(server).build();
    }

    /**
     * The connection settings of the echo server.
     *
     * @param maxMessageSize the largest message and frame accepted
     * @return the settings
     */
    public static ConnectionSettings settings(long maxMessageSize) {
        SessionConfig session = SessionConfig.DEFAULTS
                .withMaxFrameSize(maxMessageSize)
                .withMaxMessageSize(maxMessageSize)
                .withMaxFragmentsPerMessage(MAX_FRAGMENTS);
        return ConnectionSettings.DEFAULTS.withSession(session).withMaxQueuedBytes(MAX_QUEUED_BYTES);
    }
}
