package dev.wsnio.server;

import dev.wsnio.frame.MessageCompression;
import dev.wsnio.frame.Role;
import dev.wsnio.handshake.AcceptedHandshake;
import dev.wsnio.handshake.HandshakeRejectedException;
import dev.wsnio.handshake.HttpParseException;
import dev.wsnio.handshake.HttpRequestHead;
import dev.wsnio.handshake.HttpRequestParser;
import dev.wsnio.handshake.HttpResponse;
import dev.wsnio.handshake.HttpStatus;
import dev.wsnio.engine.ChannelHandler;
import dev.wsnio.engine.Connection;
import dev.wsnio.engine.Timer;
import dev.wsnio.engine.WebSocketConnection;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import javax.net.ssl.SSLEngine;

/**
 * The HTTP phase of a server connection: every connection starts here. It reads request heads
 * (and small bodies), answers plain requests from the routes, keeps the connection alive between
 * requests when HTTP/1.1 allows, and hands a valid WebSocket upgrade over to a
 * {@link WebSocketConnection}, with the bytes that followed the request (the client's first
 * frames, RFC 6455 §4.1 lets it send them right away).
 *
 * <p>A timer bounds the time a client may take to send a complete request (the handshake
 * timeout): a client that trickles its head byte by byte (slowloris) is cut off.
 */
final class HttpExchange implements ChannelHandler {

    private static final System.Logger LOG = System.getLogger(HttpExchange.class.getName());
    /** A body buffer starts this small and doubles as bytes arrive, up to Content-Length. */
    private static final int INITIAL_BODY_BUFFER = 1024;

    /** What the exchange awaits. */
    private enum State {
        /** The request line and headers. */
        AWAITING_HEAD,
        /** The rest of a request body. */
        AWAITING_BODY,
        /** An asynchronous upgrade hook's decision (reading paused). */
        AWAITING_DECISION,
        /** Nothing: the last response is being written and the connection will close. */
        CLOSING
    }

    private final WebSocketServer server;
    private final boolean overCapacity;
    private State state = State.AWAITING_HEAD;
    private HttpRequestParser parser;
    private HttpRequestHead head;
    private byte[] body;
    private int bodyLength;
    private int expectedBodyLength;
    private Timer deadline;
    /** Bytes that followed an upgrade request while its hook decides (usually none). */
    private ByteBuffer pendingBytes;

    HttpExchange(WebSocketServer server, boolean overCapacity) {
        this.server = server;
        this.overCapacity = overCapacity;
        this.parser = new HttpRequestParser(server.headLimits());
    }

    @Override
    public void onConnected(Connection connection) throws IOException {
        if (server.sslContext() != null) {
            SSLEngine engine = server.sslContext().createSSLEngine();
            engine.setUseClientMode(false);
            connection.startTls(engine);
        }
        armDeadline(connection);
    }

    @Override
    public void onData(Connection connection, ByteBuffer data) throws IOException {
        while (data.hasRemaining()) {
            switch (state) {
                case AWAITING_HEAD -> {
                    boolean complete;
                    try {
                        complete = parser.parse(data);
                    } catch (HttpParseException e) {
                        respondAndClose(connection, e.toResponse());
                        return;
                    }
                    if (!complete) {
                        return;
                    }
                    head = parser.result();
                    if (!dispatch(connection, data)) {
                        return; // upgraded, or closing: the bytes belong to someone else now
                    }
                }
                case AWAITING_BODY -> {
                    if (bodyLength == body.length) {
                        // Grow with what arrives, not with what Content-Length promises.
                        body = Arrays.copyOf(body, (int) Math.min(2L * body.length, expectedBodyLength));
                    }
                    int count = Math.min(data.remaining(), body.length - bodyLength);
                    data.get(body, bodyLength, count);
                    bodyLength += count;
                    if (bodyLength == expectedBodyLength) {
                        answer(connection);
                    }
                }
                case AWAITING_DECISION -> pendingBytes = appended(pendingBytes, data);
                case CLOSING -> data.position(data.limit());
            }
        }
    }

    /**
     * Acts on a complete request head.
     *
     * @return whether this exchange goes on reading (plain HTTP); false after an upgrade or when
     *     the connection is closing
     */
    private boolean dispatch(Connection connection, ByteBuffer rest) {
        if (overCapacity) {
            respondAndClose(connection, HttpResponse.builder(503)
                    .header("Retry-After", "1").textBody("Service Unavailable").build());
            return false;
        }
        String path = head.target().path();
        WebSocketEndpoint endpoint = server.endpoint(path);
        // A plain route on the same path keeps requests that do not ask for WebSocket (an
        // "Upgrade: h2c" from an HTTP client is simply not taken up, RFC 9110 §7.8).
        if (endpoint != null
                && (head.headers().containsToken("Upgrade", "websocket") || server.httpRoute(path) == null)) {
            upgrade(connection, endpoint, rest);
            return false;
        }
        if (head.hasTransferEncoding()) {
            respondAndClose(connection, HttpResponse.builder(501)
                    .textBody("Transfer-Encoding is not supported").build());
            return false;
        }
        long length = contentLength();
        if (length < 0) {
            respondAndClose(connection, HttpResponse.builder(HttpStatus.BAD_REQUEST)
                    .textBody("invalid Content-Length").build());
            return false;
        }
        if (length > server.maxRequestBodyBytes()) {
            respondAndClose(connection, HttpResponse.builder(413).textBody("request body too large").build());
            return false;
        }
        expectedBodyLength = (int) length;
        body = new byte[(int) Math.min(length, INITIAL_BODY_BUFFER)];
        bodyLength = 0;
        if (length > 0) {
            state = State.AWAITING_BODY;
            return true;
        }
        answer(connection);
        return state != State.CLOSING;
    }

    private long contentLength() {
        var values = head.headers().all("Content-Length");
        if (values.isEmpty()) {
            return 0;
        }
        String first = values.get(0).trim();
        for (String value : values) {
            if (!value.trim().equals(first)) {
                return -1; // RFC 9112 §6.3: differing lengths make the message invalid
            }
        }
        try {
            long length = Long.parseLong(first);
            return length < 0 || !first.chars().allMatch(Character::isDigit) ? -1 : length;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Answers a plain HTTP request from the routes. */
    private void answer(Connection connection) {
        HttpRequest request = new HttpRequest(head, body, connection.remoteAddress());
        HttpResponse response;
        HttpHandler handler = server.httpRoute(request.path());
        if (handler == null) {
            response = HttpResponse.builder(HttpStatus.NOT_FOUND).textBody("Not Found").build();
        } else {
            try {
                response = handler.handle(request);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "HTTP handler for " + request.path() + " threw", e);
                response = HttpResponse.builder(HttpStatus.INTERNAL_SERVER_ERROR)
                        .textBody("Internal Server Error").build();
            }
        }
        boolean keepAlive = head.isPersistent() && !server.isStopping()
                && !response.headers().containsToken("Connection", "close");
        boolean headOnly = head.method().equals("HEAD");
        if (!keepAlive) {
            respondAndClose(connection, response, headOnly);
            return;
        }
        response = dated(response);
        connection.write(ByteBuffer.wrap(headOnly ? response.headBytes() : response.toBytes()), null);
        // Ready for the next request on this connection (HTTP/1.1 persistence, RFC 9112 §9.3).
        state = State.AWAITING_HEAD;
        parser = new HttpRequestParser(server.headLimits());
        head = null;
        body = null;
        armDeadline(connection);
    }

    private void upgrade(Connection connection, WebSocketEndpoint endpoint, ByteBuffer rest) {
        AcceptedHandshake accepted;
        try {
            accepted = server.handshake(endpoint).accept(head, connection.remoteAddress());
        } catch (HandshakeRejectedException e) {
            LOG.log(Level.DEBUG, "handshake refused: {0}", e.getMessage());
            respondAndClose(connection, e.toResponse());
            return;
        }
        CompletionStage<UpgradeDecision> decision;
        try {
            decision = endpoint.upgradeHook().decide(accepted.request());
        } catch (RuntimeException e) {
            hookFailed(connection, e);
            return;
        }
        if (decision instanceof CompletableFuture<UpgradeDecision> done && done.isDone()) {
            // A synchronous hook: answer now, with the bytes still in the loop's buffer.
            decided(connection, endpoint, accepted, rest, done.handle(Outcome::new).join());
            return;
        }
        awaitDecision(connection, endpoint, accepted, rest, decision);
    }

    /** What an upgrade hook's stage completed with. */
    private record Outcome(UpgradeDecision decision, Throwable failure) {
    }

    /**
     * Waits for an asynchronous hook without holding the loop: reading stops (the bytes that
     * already followed the request are kept), and the endpoint's upgrade timeout bounds the wait.
     */
    private void awaitDecision(Connection connection, WebSocketEndpoint endpoint, AcceptedHandshake accepted,
                               ByteBuffer rest, CompletionStage<UpgradeDecision> decision) {
        state = State.AWAITING_DECISION;
        pendingBytes = appended(null, rest);
        connection.pauseReading();
        cancelDeadline();
        deadline = connection.loop().schedule(endpoint.upgradeTimeout().toNanos(), () -> {
            LOG.log(Level.WARNING, "upgrade hook undecided after {0} ms; answering 503",
                    endpoint.upgradeTimeout().toMillis());
            connection.resumeReading(); // to see the client's end of stream
            respondAndClose(connection, HttpResponse.builder(503)
                    .header("Retry-After", "1").textBody("Service Unavailable").build());
        });
        decision.whenComplete((result, failure) -> {
            try {
                connection.loop().execute(() -> {
                    if (state != State.AWAITING_DECISION || connection.isClosed()) {
                        return; // timed out, or the client left meanwhile
                    }
                    cancelDeadline();
                    connection.resumeReading();
                    ByteBuffer kept = pendingBytes == null ? ByteBuffer.allocate(0) : pendingBytes.flip();
                    pendingBytes = null;
                    decided(connection, endpoint, accepted, kept, new Outcome(result, failure));
                });
            } catch (RuntimeException stopped) {
                LOG.log(Level.DEBUG, "upgrade decided after the server stopped");
            }
        });
    }

    private void decided(Connection connection, WebSocketEndpoint endpoint, AcceptedHandshake accepted,
                         ByteBuffer rest, Outcome outcome) {
        if (outcome.failure() != null || outcome.decision() == null) {
            hookFailed(connection, outcome.failure() != null ? outcome.failure()
                    : new NullPointerException("the upgrade hook decided null"));
            return;
        }
        UpgradeDecision decision = outcome.decision();
        if (!decision.accepted()) {
            respondAndClose(connection, decision.rejection());
            return;
        }
        HttpResponse response = accepted.response();
        String subprotocol = accepted.subprotocol().orElse("");
        if (decision.subprotocol().isPresent()) {
            subprotocol = decision.subprotocol().get();
            if (!accepted.request().subprotocols().contains(subprotocol)) {
                LOG.log(Level.WARNING, "upgrade hook chose subprotocol {0}, which the client did not offer",
                        subprotocol);
                respondAndClose(connection, HttpResponse.builder(HttpStatus.INTERNAL_SERVER_ERROR)
                        .textBody("Internal Server Error").build());
                return;
            }
            response = response.withHeader("Sec-WebSocket-Protocol", subprotocol);
        }
        MessageCompression compression = server.compression(accepted.extensions());
        String extensions = response.headers().first("Sec-WebSocket-Extensions").orElse("");
        cancelDeadline();
        connection.write(ByteBuffer.wrap(response.toBytes()), null);
        WebSocketConnection socket = new WebSocketConnection(connection, Role.SERVER,
                server.settings(), compression, endpoint.listener(), accepted.request(), subprotocol,
                extensions, decision.attachment(), server::webSocketClosed);
        server.webSocketOpened(socket);
        socket.start(rest);
    }

    private void hookFailed(Connection connection, Throwable failure) {
        LOG.log(Level.WARNING, "upgrade hook failed", failure);
        respondAndClose(connection, HttpResponse.builder(HttpStatus.INTERNAL_SERVER_ERROR)
                .textBody("Internal Server Error").build());
    }

    /** A buffer in write mode holding {@code kept}'s bytes and then {@code more}'s (consumed). */
    private static ByteBuffer appended(ByteBuffer kept, ByteBuffer more) {
        int needed = (kept == null ? 0 : kept.position()) + more.remaining();
        ByteBuffer target = kept;
        if (target == null || target.capacity() < needed) {
            target = ByteBuffer.allocate(needed);
            if (kept != null) {
                target.put(kept.flip());
            }
        }
        return target.put(more);
    }

    private void respondAndClose(Connection connection, HttpResponse response) {
        respondAndClose(connection, response, false);
    }

    private void respondAndClose(Connection connection, HttpResponse response, boolean headOnly) {
        state = State.CLOSING;
        HttpResponse closing = dated(response).withHeader("Connection", "close");
        connection.write(ByteBuffer.wrap(headOnly ? closing.headBytes() : closing.toBytes()), null);
        // Half-close first: the client reads the whole answer before it sees the end.
        connection.shutdownOutputAfterFlush();
        armDeadline(connection);
    }

    /** RFC 9110 §6.6.1: an origin server with a clock sends {@code Date} in its responses. */
    private static HttpResponse dated(HttpResponse response) {
        if (response.headers().contains("Date")) {
            return response;
        }
        return response.withHeader("Date", DateTimeFormatter.RFC_1123_DATE_TIME
                .format(ZonedDateTime.now(ZoneOffset.UTC)));
    }

    @Override
    public void onEndOfStream(Connection connection) {
        connection.closeAfterFlush();
    }

    @Override
    public void onClosed(Connection connection, Throwable cause) {
        cancelDeadline();
        server.connectionClosed();
        if (cause != null) {
            LOG.log(Level.DEBUG, "HTTP connection closed: {0}", cause.toString());
        }
    }

    private void armDeadline(Connection connection) {
        cancelDeadline();
        deadline = connection.loop().schedule(server.handshakeTimeout().toNanos(), () -> {
            LOG.log(Level.DEBUG, "{0}: no complete request within the handshake timeout",
                    connection.remoteAddress());
            connection.abort(null);
        });
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel();
            deadline = null;
        }
    }
}
