package dev.wsnio.server;

import dev.wsnio.UpgradeRequest;
import dev.wsnio.engine.ChannelHandler;
import dev.wsnio.engine.Connection;
import dev.wsnio.engine.NegotiatedHandshake;
import dev.wsnio.engine.WebSocketConnection;
import dev.wsnio.engine.WriteCompletion;
import dev.wsnio.frame.MessageCompression;
import dev.wsnio.handshake.AcceptedHandshake;
import dev.wsnio.handshake.HandshakeRejectedException;
import dev.wsnio.handshake.HttpField;
import dev.wsnio.handshake.HttpParseException;
import dev.wsnio.handshake.HttpRequestHead;
import dev.wsnio.handshake.HttpRequestParser;
import dev.wsnio.handshake.HttpResponse;
import dev.wsnio.handshake.HttpStatus;
import dev.wsnio.handshake.HttpVersion;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/**
 * The HTTP phase of a server connection: every connection starts here. It reads request heads
 * (and small bodies), answers plain requests from the routes, keeps the connection alive between
 * requests when HTTP/1.1 allows, and hands a valid WebSocket upgrade over to a
 * {@link WebSocketConnection}, with the bytes that followed the request (the client's first
 * frames, RFC 6455 §4.1 lets it send them right away).
 *
 * <p><b>Bounded by construction.</b> A client may pipeline requests (RFC 9112 §9.3.2), but the
 * next request is parsed only while the connection's output is not backlogged: more than
 * {@link #PIPELINE_HIGH_WATER_MARK} bytes queued and not yet handed to the socket pause reading,
 * and the exchange leaves the bytes of later requests unconsumed; the connection keeps them (at
 * most one read's worth) and offers them again once the output is down to
 * {@link #PIPELINE_LOW_WATER_MARK} (see {@link ChannelHandler#onData}). A client that sends
 * requests and reads no answers is slowed down by TCP instead of making the server queue them.
 *
 * <p><b>Every phase has a deadline</b>, none of them re-armed by the server's own answers:
 * <ul>
 *   <li>request head: the handshake timeout, from the connection's start or from the first
 *       byte of a later request (slowloris); a request begun and not finished gets 408;</li>
 *   <li>request body: the request body timeout, from the end of the head (408 past it);</li>
 *   <li>response written: each response must be handed to the socket within the response
 *       write timeout of being queued, or the connection is closed (a client that never reads);</li>
 *   <li>keep-alive: an idle connection, with all its responses written, is closed after the
 *       keep-alive timeout; so is one whose last response was written and whose client does
 *       not close its side;</li>
 *   <li>an asynchronous upgrade hook's decision: the endpoint's upgrade timeout (503 past it);
 *       reading is paused meanwhile, and the bytes that followed the request wait in the
 *       connection.</li>
 * </ul>
 */
final class HttpExchange implements ChannelHandler {

    private static final System.Logger LOG = System.getLogger(HttpExchange.class.getName());
    /** Reading pauses, and the next pipelined request waits, above this many queued bytes. */
    static final int PIPELINE_HIGH_WATER_MARK = 64 * 1024;
    /** Reading and parsing resume once the queued bytes are down to this. */
    static final int PIPELINE_LOW_WATER_MARK = 16 * 1024;
    /** A body buffer starts this small and doubles as bytes arrive, up to Content-Length. */
    private static final int INITIAL_BODY_BUFFER = 1024;
    private static final byte[] NO_BODY = new byte[0];
    /** RFC 9110 §15.2.1: the interim response that asks a client to send its body. */
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    /** What the exchange is doing. */
    private enum Phase {
        /** Between requests: nothing of the next one has arrived. */
        IDLE,
        /** Receiving a request head. */
        HEAD,
        /** Receiving a request body. */
        BODY,
        /** An asynchronous upgrade hook decides; reading is paused. */
        DECIDING,
        /** The last response is queued; output shuts after it; input is ignored. */
        CLOSING,
        /** The connection speaks WebSocket now: another handler owns it. */
        UPGRADED
    }

    private final WebSocketServer server;
    private final boolean overCapacity;
    private final ResponseDeadlines unwritten = new ResponseDeadlines();
    private final WriteCompletion responseWritten = new WriteCompletion() {
        @Override
        public void written() {
            onResponseWritten();
        }

        @Override
        public void failed(Throwable cause) {
            // the connection is closing: onClosed follows
        }
    };
    private Connection connection;
    private MovableDeadline inputDeadline;
    private MovableDeadline outputDeadline;
    private Phase phase = Phase.HEAD;
    /** Created at the first byte of a request: an idle connection holds no parser. */
    private HttpRequestParser parser;
    private boolean requestStarted;
    private HttpRequestHead head;
    private byte[] body;
    private int bodyLength;
    private int expectedBodyLength;

    HttpExchange(WebSocketServer server, boolean overCapacity) {
        this.server = server;
        this.overCapacity = overCapacity;
    }

    @Override
    public void onConnected(Connection connection) throws IOException {
        this.connection = connection;
        this.inputDeadline = new MovableDeadline(connection.loop(), this::inputTimedOut);
        this.outputDeadline = new MovableDeadline(connection.loop(), this::outputTimedOut);
        connection.setOutputWaterMarks(PIPELINE_HIGH_WATER_MARK, PIPELINE_LOW_WATER_MARK);
        inputDeadline.in(server.handshakeTimeout().toNanos());
        if (server.sslContext() != null) {
            connection.startTls(server.newTlsEngine());
        }
    }

    /** Parses and answers requests from the bytes, as far as the phase allows. */
    @Override
    public void onData(Connection source, ByteBuffer data) {
        while (data.hasRemaining()) {
            switch (phase) {
                case IDLE -> {
                    if (connection.isOutputBacklogged()) {
                        return; // the rest waits in the connection until the answers drain
                    }
                    startRequest();
                }
                case HEAD -> readHead(data);
                case BODY -> readBody(data);
                case CLOSING -> {
                    data.position(data.limit());
                    return;
                }
                case DECIDING, UPGRADED -> {
                    // Left in the buffer: the connection keeps the bytes and offers them, once
                    // reading resumes, to whoever owns the connection then.
                    return;
                }
            }
        }
    }

    private void startRequest() {
        phase = Phase.HEAD;
        inputDeadline.in(server.handshakeTimeout().toNanos());
    }

    private void readHead(ByteBuffer data) {
        if (parser == null) {
            parser = new HttpRequestParser(server.headLimits());
        }
        requestStarted = true;
        boolean complete;
        try {
            complete = parser.parse(data);
        } catch (HttpParseException e) {
            respondAndClose(e.toResponse(), false);
            return;
        }
        if (complete) {
            head = parser.result();
            parser = null;
            dispatch(data);
        }
    }

    private void readBody(ByteBuffer data) {
        if (bodyLength == body.length) {
            // Grow with what arrives, not with what Content-Length promises.
            body = Arrays.copyOf(body, (int) Math.min(2L * body.length, expectedBodyLength));
        }
        int count = Math.min(data.remaining(), body.length - bodyLength);
        data.get(body, bodyLength, count);
        bodyLength += count;
        if (bodyLength == expectedBodyLength) {
            answer();
        }
    }

    /** Acts on a complete request head: upgrade, refuse, read a body, or answer. */
    private void dispatch(ByteBuffer rest) {
        if (overCapacity) {
            respondAndClose(HttpResponse.builder(503)
                    .header("Retry-After", "1").textBody("Service Unavailable").build(), false);
            return;
        }
        String path = head.target().path();
        WebSocketEndpoint endpoint = server.endpoint(path);
        // A plain route on the same path keeps requests that do not ask for WebSocket (an
        // "Upgrade: h2c" from an HTTP client is simply not taken up, RFC 9110 §7.8).
        if (endpoint != null && (head.isWebSocketUpgrade() || server.httpRoute(path) == null)) {
            upgrade(endpoint, rest);
            return;
        }
        if (head.hasTransferEncoding()) {
            // RFC 9112 §6.1: 501 for a transfer coding we do not decode; closing afterwards
            // leaves no doubt about where the next request would start (no smuggling).
            respondAndClose(HttpResponse.builder(501).textBody("Transfer-Encoding is not supported").build(), false);
            return;
        }
        long length = contentLength();
        if (length < 0) {
            // RFC 9112 §6.3: an invalid Content-Length is an unrecoverable framing error
            respondAndClose(HttpResponse.builder(HttpStatus.BAD_REQUEST).textBody("invalid Content-Length").build(), false);
            return;
        }
        if (length > server.maxRequestBodyBytes()) {
            respondAndClose(HttpResponse.builder(413).textBody("request body too large").build(), false);
            return;
        }
        Expectation expectation = expectation();
        if (expectation == Expectation.UNKNOWN) {
            respondAndClose(HttpResponse.builder(417).textBody("unsupported expectation").build(), false);
            return;
        }
        expectedBodyLength = (int) length;
        bodyLength = 0;
        if (length == 0) {
            body = NO_BODY;
            answer();
            return;
        }
        body = new byte[(int) Math.min(length, INITIAL_BODY_BUFFER)];
        if (expectation == Expectation.CONTINUE) {
            send(CONTINUE);
        }
        phase = Phase.BODY;
        inputDeadline.in(server.requestBodyTimeout().toNanos());
    }

    /** What a request's {@code Expect} asks for (RFC 9110 §10.1.1). */
    private enum Expectation { NONE, CONTINUE, UNKNOWN }

    private Expectation expectation() {
        List<String> values = head.headers().all("Expect");
        if (values.isEmpty() || !head.version().isAtLeast(HttpVersion.HTTP_1_1)) {
            return Expectation.NONE; // RFC 9110 §10.1.1: an HTTP/1.0 request's 100-continue is ignored
        }
        for (String value : values) {
            if (!value.trim().equalsIgnoreCase("100-continue")) {
                return Expectation.UNKNOWN;
            }
        }
        return Expectation.CONTINUE;
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
        if (first.isEmpty() || first.length() > 18 || !first.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1; // RFC 9110 §8.6: 1*DIGIT, nothing else (no sign, no list)
        }
        return Long.parseLong(first);
    }

    /** Answers a plain HTTP request from the routes. */
    private void answer() {
        HttpRequest request = new HttpRequest(head, body, connection.remoteAddress());
        HttpResponse response;
        HttpHandler handler = server.httpRoute(request.path());
        if (handler == null) {
            response = HttpResponse.builder(HttpStatus.NOT_FOUND).textBody("Not Found").build();
        } else {
            try {
                response = handler.handle(request).wire();
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
            respondAndClose(response, headOnly);
            return;
        }
        if (!head.version().isAtLeast(HttpVersion.HTTP_1_1)
                && !response.headers().containsToken("Connection", "keep-alive")) {
            // RFC 9112 §C.2.2: an HTTP/1.0 client keeps the connection only when told so
            response = response.withHeader("Connection", "keep-alive");
        }
        send(bytesOf(response, headOnly));
        nextRequest();
    }

    /** The request is answered: wait for the next one. */
    private void nextRequest() {
        head = null;
        body = null;
        requestStarted = false;
        phase = Phase.IDLE;
        // The answer was just queued: its write deadline runs, and the keep-alive deadline is
        // set once it is written (onResponseWritten).
        inputDeadline.clear();
    }

    /** A queued response was handed to the socket (called on the loop, in order). */
    private void onResponseWritten() {
        unwritten.oldestWritten();
        if (phase == Phase.UPGRADED) {
            return;
        }
        if (unwritten.isEmpty()) {
            outputDeadline.clear();
            if (phase == Phase.IDLE || phase == Phase.CLOSING) {
                inputDeadline.in(server.keepAliveTimeout().toNanos());
            }
        } else {
            outputDeadline.at(unwritten.oldest());
        }
    }

    private void upgrade(WebSocketEndpoint endpoint, ByteBuffer rest) {
        AcceptedHandshake accepted;
        try {
            accepted = server.handshake(endpoint).accept(head, connection.remoteAddress(),
                    connection.loop().acceptDigest());
        } catch (HandshakeRejectedException e) {
            LOG.log(Level.DEBUG, "handshake refused: {0}", e.getMessage());
            respondAndClose(e.toResponse(), false);
            return;
        }
        UpgradeRequest request = UpgradeRequest.of(head.target().raw(), head.headers(), connection.remoteAddress());
        CompletionStage<UpgradeDecision> decision;
        try {
            decision = endpoint.upgradeHook().decide(request);
        } catch (RuntimeException e) {
            hookFailed(e);
            return;
        }
        CompletableFuture<UpgradeDecision> done = completed(decision);
        if (done != null) {
            // A synchronous hook: answer now, with the bytes still in the loop's buffer.
            decided(endpoint, accepted, request, rest, done.handle(Outcome::new).join());
            return;
        }
        awaitDecision(endpoint, accepted, request, decision);
    }

    /**
     * The hook's stage as a completed future, or null while it is undecided. A stage is asked
     * through {@link CompletionStage#toCompletableFuture}: a minimal stage (such as
     * {@link CompletableFuture#minimalCompletionStage}) is a {@code CompletableFuture} whose own
     * {@code isDone} throws; a stage that does not interoperate is awaited.
     */
    private static CompletableFuture<UpgradeDecision> completed(CompletionStage<UpgradeDecision> decision) {
        try {
            CompletableFuture<UpgradeDecision> future = decision.toCompletableFuture();
            return future.isDone() ? future : null;
        } catch (UnsupportedOperationException notInteroperable) {
            return null;
        }
    }

    /** What an upgrade hook's stage completed with. */
    private record Outcome(UpgradeDecision decision, Throwable failure) {
    }

    /**
     * Waits for an asynchronous hook without holding the loop: reading pauses (the bytes that
     * already followed the request stay in the connection), and the endpoint's upgrade timeout
     * bounds the wait.
     */
    private void awaitDecision(WebSocketEndpoint endpoint, AcceptedHandshake accepted, UpgradeRequest request,
                               CompletionStage<UpgradeDecision> decision) {
        phase = Phase.DECIDING;
        connection.pauseReading();
        inputDeadline.in(endpoint.upgradeTimeout().toNanos());
        decision.whenComplete((result, failure) -> {
            try {
                connection.loop().execute(() -> {
                    if (phase != Phase.DECIDING || connection.isClosed()) {
                        return; // timed out, or the client left meanwhile
                    }
                    connection.resumeReading(); // the kept bytes go to whoever owns the connection next
                    decided(endpoint, accepted, request, ByteBuffer.allocate(0), new Outcome(result, failure));
                });
            } catch (RuntimeException stopped) {
                LOG.log(Level.DEBUG, "upgrade decided after the server stopped");
            }
        });
    }

    private void decided(WebSocketEndpoint endpoint, AcceptedHandshake accepted, UpgradeRequest request,
                         ByteBuffer rest, Outcome outcome) {
        if (outcome.failure() != null || outcome.decision() == null) {
            hookFailed(outcome.failure() != null ? outcome.failure()
                    : new NullPointerException("the upgrade hook decided null"));
            return;
        }
        UpgradeDecision decision = outcome.decision();
        if (!decision.accepted()) {
            respondAndClose(decision.rejection().wire(), false);
            return;
        }
        HttpResponse response = accepted.response();
        String subprotocol = accepted.subprotocol().orElse("");
        if (decision.subprotocol().isPresent()) {
            subprotocol = decision.subprotocol().get();
            if (!accepted.request().subprotocols().contains(subprotocol)) {
                LOG.log(Level.WARNING, "upgrade hook chose subprotocol {0}, which the client did not offer",
                        subprotocol);
                respondAndClose(HttpResponse.builder(HttpStatus.INTERNAL_SERVER_ERROR)
                        .textBody("Internal Server Error").build(), false);
                return;
            }
            response = withSubprotocol(response, subprotocol);
        }
        MessageCompression compression = server.compression(accepted.extensions(), connection.loop().deflateWorkspace());
        String extensions = response.headers().first("Sec-WebSocket-Extensions").orElse("");
        phase = Phase.UPGRADED;
        inputDeadline.cancel();
        outputDeadline.cancel();
        connection.write(ByteBuffer.wrap(response.toBytes()), null);
        NegotiatedHandshake negotiated = new NegotiatedHandshake(server.keptRequest(endpoint, request),
                subprotocol, extensions, compression);
        WebSocketConnection.open(connection, server.webSocketConfig(endpoint), negotiated, decision.attachment(), rest);
    }

    /**
     * The 101 response with the hook's subprotocol in place of the endpoint's choice: RFC 6455
     * §4.2.2 item 5.5 sends one value, which the client checks against the ones it offered.
     */
    private static HttpResponse withSubprotocol(HttpResponse response, String subprotocol) {
        HttpResponse.Builder chosen = HttpResponse.builder(response.status());
        for (HttpField field : response.headers().fields()) {
            if (!field.name().equalsIgnoreCase("Sec-WebSocket-Protocol")) {
                chosen.header(field.name(), field.value());
            }
        }
        return chosen.header("Sec-WebSocket-Protocol", subprotocol).build();
    }

    private void hookFailed(Throwable failure) {
        LOG.log(Level.WARNING, "upgrade hook failed", failure);
        respondAndClose(HttpResponse.builder(HttpStatus.INTERNAL_SERVER_ERROR)
                .textBody("Internal Server Error").build(), false);
    }

    /** Sends a final response, then half-closes and waits (bounded) for the client to close. */
    private void respondAndClose(HttpResponse response, boolean headOnly) {
        phase = Phase.CLOSING;
        HttpResponse closing = response.headers().containsToken("Connection", "close")
                ? response : response.withHeader("Connection", "close");
        send(bytesOf(closing, headOnly));
        // Half-close first: the client reads the whole answer before it sees the end.
        connection.shutdownOutputAfterFlush();
        inputDeadline.clear(); // set once the response is written
        parser = null;
        head = null;
        body = null;
    }

    /** Queues response bytes; each must be written within the response write timeout. */
    private void send(byte[] bytes) {
        long deadline = System.nanoTime() + server.responseWriteTimeout().toNanos();
        if (unwritten.isEmpty()) {
            outputDeadline.at(deadline);
        }
        unwritten.queued(deadline);
        connection.write(ByteBuffer.wrap(bytes), responseWritten);
    }

    private static byte[] bytesOf(HttpResponse response, boolean headOnly) {
        HttpResponse dated = dated(response);
        return headOnly ? dated.headBytes() : dated.toBytes();
    }

    /** RFC 9110 §6.6.1: an origin server with a clock sends {@code Date} in its responses. */
    private static HttpResponse dated(HttpResponse response) {
        if (response.headers().contains("Date")) {
            return response;
        }
        return response.withHeader("Date", DateTimeFormatter.RFC_1123_DATE_TIME
                .format(ZonedDateTime.now(ZoneOffset.UTC)));
    }

    private void inputTimedOut() {
        switch (phase) {
            case HEAD -> {
                if (requestStarted) {
                    LOG.log(Level.DEBUG, "{0}: request head not complete within the handshake timeout",
                            connection.remoteAddress());
                    respondAndClose(requestTimeout(), false);
                } else {
                    connection.abort(null); // connected and said nothing
                }
            }
            case BODY -> {
                LOG.log(Level.DEBUG, "{0}: request body not complete within the request body timeout",
                        connection.remoteAddress());
                respondAndClose(requestTimeout(), false);
            }
            case DECIDING -> {
                LOG.log(Level.WARNING, "upgrade hook undecided within the endpoint's upgrade timeout; answering 503");
                connection.resumeReading(); // to see the client's end of stream
                respondAndClose(HttpResponse.builder(503)
                        .header("Retry-After", "1").textBody("Service Unavailable").build(), false);
            }
            case IDLE, CLOSING -> connection.abort(null); // keep-alive over, or the client did not close
            case UPGRADED -> {
                // the WebSocket connection has its own deadlines
            }
        }
    }

    private static HttpResponse requestTimeout() {
        return HttpResponse.builder(408).textBody("Request Timeout").build();
    }

    private void outputTimedOut() {
        connection.abort(new IOException("a response was not written within the response write timeout ("
                + server.responseWriteTimeout().toMillis() + " ms): the client does not read"));
    }

    @Override
    public void onEndOfStream(Connection source) {
        source.closeAfterFlush(); // after the requests before it are answered: the connection tells us last
    }

    @Override
    public void onClosed(Connection source, Throwable cause) {
        if (inputDeadline != null) {
            inputDeadline.cancel();
            outputDeadline.cancel();
        }
        server.connectionClosed();
        if (cause != null) {
            LOG.log(Level.DEBUG, "HTTP connection closed: {0}", cause.toString());
        }
    }
}
