package dev.wsnio.client;

import dev.wsnio.client.WebSocketConnectException.Reason;
import dev.wsnio.frame.MessageCompression;
import dev.wsnio.frame.Role;
import dev.wsnio.handshake.ClientHandshake;
import dev.wsnio.handshake.CompletedHandshake;
import dev.wsnio.handshake.HandshakeFailedException;
import dev.wsnio.handshake.HttpParseException;
import dev.wsnio.handshake.HttpResponseParser;
import dev.wsnio.handshake.WebSocketUri;
import dev.wsnio.UpgradeRequest;
import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.engine.ChannelHandler;
import dev.wsnio.engine.Connection;
import dev.wsnio.engine.ConnectionTracker;
import dev.wsnio.engine.EventLoop;
import dev.wsnio.engine.Timer;
import dev.wsnio.engine.NegotiatedHandshake;
import dev.wsnio.engine.WebSocketConfig;
import dev.wsnio.engine.WebSocketConnection;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLException;

/**
 * One attempt to open a client WebSocket connection, from the host name to the open socket:
 * resolve (off the loop), connect TCP (trying each address in turn), ask the proxy for a tunnel
 * when there is one, start TLS for {@code wss://}, send the upgrade request and check the answer
 * (RFC 6455 §4.1), then hand the connection over to a {@link WebSocketConnection} with the
 * bytes that followed the 101 response (the server's first frames).
 *
 * <p>It is the connection's {@link ChannelHandler} until then, and lives on one event loop. Two
 * timers bound it: the connect timeout (resolution, TCP connect and proxy tunnel) and then the
 * handshake timeout (TLS handshake and upgrade). Every failure completes the future with a
 * {@link WebSocketConnectException} whose reason names it; a redirect starts the next attempt
 * when the client follows redirects.
 */
final class ConnectAttempt implements ChannelHandler {

    private static final System.Logger LOG = System.getLogger(ConnectAttempt.class.getName());

    /** What the attempt awaits. */
    private enum State {
        /** The addresses of the server (or of the proxy). */
        ADDRESSES,
        /** The TCP connection to the current address. */
        TCP_CONNECT,
        /** The proxy's answer to CONNECT. */
        PROXY_RESPONSE,
        /** The TLS handshake (for wss) and the server's answer to the upgrade request. */
        UPGRADE_RESPONSE,
        /** Nothing: the attempt has succeeded or failed. */
        NOTHING
    }

    private final WebSocketClient client;
    private final ConnectOptions options;
    private final WebSocketListener listener;
    private final CompletableFuture<WebSocket> result;
    private final int redirects;
    private final WebSocketUri target;
    private final HttpProxy proxy;
    private final EventLoop loop;
    private final ClientHandshake handshake;

    // Loop thread only.
    private State state = State.ADDRESSES;
    private Timer deadline;
    private Connection connection;
    private List<InetAddress> addresses;
    private int nextAddress;
    private HttpResponseParser parser;
    private ConnectingGate.Ticket gateTicket;

    /**
     * @param client the client, for its settings, loops and resolver
     * @param options what to connect to
     * @param listener the application's listener for the open connection
     * @param result completed with the open WebSocket, or exceptionally
     * @param redirects how many redirects led to this attempt
     */
    ConnectAttempt(WebSocketClient client, ConnectOptions options, WebSocketListener listener,
                   CompletableFuture<WebSocket> result, int redirects) {
        this.client = client;
        this.options = options;
        this.listener = listener;
        this.result = result;
        this.redirects = redirects;
        this.target = WebSocketUri.of(options.uri());
        this.proxy = client.proxy();
        this.loop = client.loops().next();
        this.handshake = options.handshake(client.extensionNegotiators());
    }

    /** Starts the attempt on its loop. Any thread. */
    void start() {
        result.whenComplete((socket, error) -> {
            if (error instanceof CancellationException) {
                onLoop(() -> fail(Reason.CANCELLED, "the attempt was cancelled", null));
            }
        });
        onLoop(this::begin);
    }

    private void onLoop(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new WebSocketConnectException(Reason.CANCELLED, options.uri(),
                    "the client is closed", e));
        }
    }

    // ------------------------------------------------------------- resolve, connect

    private void begin() {
        if (result.isDone()) {
            state = State.NOTHING; // cancelled before it started
            return;
        }
        Duration timeout = client.connectTimeout();
        deadline = loop.schedule(timeout.toNanos(), () -> fail(Reason.CONNECT_TIMEOUT,
                "not connected" + (proxy == null ? "" : " through the proxy") + " within "
                        + timeout.toMillis() + " ms", null));
        String host = proxy == null ? target.host() : proxy.host();
        client.resolver().resolve(host).whenComplete((found, error) -> onLoop(() -> resolved(host, found, error)));
    }

    private void resolved(String host, List<InetAddress> found, Throwable error) {
        if (state != State.ADDRESSES) {
            return; // timed out or cancelled meanwhile
        }
        if (error != null) {
            fail(Reason.DNS_FAILURE, "cannot resolve " + host, error);
            return;
        }
        addresses = found;
        connectToNextAddress();
    }

    private void connectToNextAddress() {
        if (state != State.ADDRESSES && state != State.TCP_CONNECT) {
            return;
        }
        state = State.TCP_CONNECT;
        leaveGate(); // the previous address, if any, failed
        InetAddress address = addresses.get(nextAddress++);
        int port = proxy == null ? target.port() : proxy.port();
        InetSocketAddress remote = new InetSocketAddress(address, port);
        // §4.1: one connection in CONNECTING per server address; through a proxy, per host name.
        Object gateKey = proxy == null ? remote : target.host() + ":" + target.port();
        gateTicket = client.connectingGate().enter(gateKey, () -> onLoop(() -> connectNow(remote)));
    }

    private void connectNow(InetSocketAddress remote) {
        if (state != State.TCP_CONNECT) {
            return; // timed out or cancelled while waiting for its turn
        }
        InetSocketAddress local = options.localAddress().map(from -> new InetSocketAddress(from, 0)).orElse(null);
        Connection pending = Connection.connect(loop, remote, local, this);
        if (pending != null && !pending.isClosed()) {
            connection = pending; // connecting (or connected at once): a timeout must be able to abort it
        }
    }

    private void leaveGate() {
        if (gateTicket != null) {
            gateTicket.leave();
            gateTicket = null;
        }
    }

    @Override
    public void onConnected(Connection established) throws IOException {
        connection = established;
        if (proxy == null) {
            startUpgrade(established);
            return;
        }
        state = State.PROXY_RESPONSE;
        parser = new HttpResponseParser(client.headLimits());
        established.write(ByteBuffer.wrap(ProxyConnect.request(proxy, target.host(), target.port())), null);
    }

    // ------------------------------------------------------------- bytes from the peer

    @Override
    public void onData(Connection source, ByteBuffer data) throws IOException {
        switch (state) {
            case PROXY_RESPONSE -> proxyResponse(source, data);
            case UPGRADE_RESPONSE -> upgradeResponse(source, data);
            default -> data.position(data.limit()); // failed already: the bytes mean nothing
        }
    }

    private void proxyResponse(Connection source, ByteBuffer data) throws IOException {
        try {
            if (!parser.parse(data)) {
                return;
            }
            ProxyConnect.checkResponse(parser.result(), options.uri());
        } catch (HttpParseException e) {
            fail(Reason.PROXY_REFUSED, "malformed answer to CONNECT: " + e.getMessage(), e);
            return;
        } catch (HandshakeResponseException e) {
            fail(e);
            return;
        }
        if (data.hasRemaining()) {
            // The tunnel carries our bytes first (TLS ClientHello or the upgrade request).
            fail(Reason.PROXY_REFUSED, "the proxy sent bytes after its answer to CONNECT", null);
            return;
        }
        startUpgrade(source);
    }

    /** The tunnel (or the TCP connection) is ready: TLS if wss, then the upgrade request. */
    private void startUpgrade(Connection established) throws IOException {
        state = State.UPGRADE_RESPONSE;
        cancelDeadline();
        Duration timeout = client.handshakeTimeout();
        deadline = loop.schedule(timeout.toNanos(), () -> fail(Reason.HANDSHAKE_TIMEOUT,
                "no " + (target.isSecure() ? "TLS handshake and " : "") + "upgrade response within "
                        + timeout.toMillis() + " ms", null));
        parser = new HttpResponseParser(client.headLimits());
        if (target.isSecure()) {
            try {
                established.startTls(client.tls().newEngine(target.host(), target.port()));
            } catch (GeneralSecurityException e) {
                fail(Reason.TLS_FAILURE, "no TLS context: " + e.getMessage(), e);
                return;
            }
        }
        // RFC 6455 §4.1: the request goes out once TLS is up (the write queue waits for it).
        established.write(ByteBuffer.wrap(handshake.requestBytes()), null);
    }

    private void upgradeResponse(Connection source, ByteBuffer data) {
        CompletedHandshake done;
        try {
            if (!parser.parse(data)) {
                return;
            }
            done = handshake.verify(parser.result());
        } catch (HttpParseException e) {
            fail(HandshakeResponseException.of(HandshakeFailedException.malformedResponse(e), options.uri()));
            return;
        } catch (HandshakeFailedException e) {
            fail(HandshakeResponseException.of(e, options.uri()));
            return;
        }
        open(source, done, data);
    }

    /** The handshake succeeded: the connection speaks WebSocket from the next byte on. */
    private void open(Connection source, CompletedHandshake done, ByteBuffer firstFrames) {
        MessageCompression compression;
        try {
            compression = client.compression(done.extensions(), source.loop().deflateWorkspace());
        } catch (RuntimeException e) {
            fail(Reason.UNEXPECTED_EXTENSION, "cannot set up the agreed extensions " + done.extensions(), e);
            return;
        }
        state = State.NOTHING;
        cancelDeadline();
        leaveGate(); // established: the next connection to this server may start
        if (result.isDone()) {
            source.abort(null); // cancelled meanwhile
            return;
        }
        String extensions = String.join(", ", done.response().headers().all("Sec-WebSocket-Extensions"));
        WebSocketConfig config = new WebSocketConfig(Role.CLIENT, client.settings(), listener, ConnectionTracker.NONE);
        UpgradeRequest sent = UpgradeRequest.of(handshake.request().head().target().raw(),
                handshake.request().headers(), source.remoteAddress());
        NegotiatedHandshake negotiated = new NegotiatedHandshake(sent,
                done.subprotocol().orElse(""), extensions, compression);
        WebSocketConnection socket = WebSocketConnection.open(source, config, negotiated, null, firstFrames);
        if (!result.complete(socket)) {
            socket.abort(); // cancelled from another thread just now
        }
    }

    @Override
    public void onEndOfStream(Connection source) {
        switch (state) {
            case PROXY_RESPONSE -> fail(Reason.CONNECTION_FAILED, "the proxy closed the connection before answering", null);
            case UPGRADE_RESPONSE -> fail(Reason.CONNECTION_FAILED,
                    "the server closed the connection before answering the upgrade request", null);
            default -> source.abort(null);
        }
    }

    @Override
    public void onClosed(Connection source, Throwable cause) {
        switch (state) {
            case TCP_CONNECT -> {
                connection = null;
                if (nextAddress < addresses.size()) {
                    // This address failed (refused, no route, unreachable from the local address,
                    // another family): the next one, within the same timeout. A later one may work.
                    loop.execute(this::connectToNextAddress);
                } else if (cause instanceof ConnectException) {
                    fail(Reason.CONNECTION_REFUSED, "connection refused by " + describePeer(), cause);
                } else {
                    fail(Reason.CONNECTION_FAILED, "cannot connect to " + describePeer(), cause);
                }
            }
            case PROXY_RESPONSE, UPGRADE_RESPONSE -> {
                if (cause instanceof SSLException) {
                    fail(Reason.TLS_FAILURE, "TLS handshake failed: " + cause.getMessage(), cause);
                } else {
                    fail(Reason.CONNECTION_FAILED, "connection lost during the handshake", cause);
                }
            }
            default -> {
                // ADDRESSES cannot see a connection; NOTHING: the attempt closed it itself
            }
        }
    }

    private String describePeer() {
        return proxy == null ? target.host() + ":" + target.port() : "the proxy " + proxy.host() + ":" + proxy.port();
    }

    // ------------------------------------------------------------- failure

    private void fail(Reason reason, String message, Throwable cause) {
        fail(new WebSocketConnectException(reason, options.uri(), message, cause));
    }

    private void fail(WebSocketConnectException error) {
        if (state == State.NOTHING) {
            return;
        }
        state = State.NOTHING;
        cancelDeadline();
        leaveGate();
        if (connection != null) {
            connection.abort(null);
        }
        LOG.log(Level.DEBUG, "{0}", error.getMessage());
        if (error instanceof HandshakeResponseException response && followRedirect(response)) {
            return;
        }
        result.completeExceptionally(error);
    }

    /** RFC 6455 §4.1 leaves redirects to HTTP; the client follows them only when told to. */
    private boolean followRedirect(HandshakeResponseException response) {
        if (response.reason() != Reason.REDIRECT || redirects >= client.maxRedirects() || result.isDone()) {
            return false;
        }
        ConnectOptions next = response.location().flatMap(options::redirectedTo).orElse(null);
        if (next == null) {
            return false;
        }
        ConnectAttempt attempt;
        try {
            attempt = new ConnectAttempt(client, next, listener, result, redirects + 1);
        } catch (IllegalArgumentException unusable) {
            return false;
        }
        LOG.log(Level.DEBUG, "following redirect from {0} to {1}", options.uri(), next.uri());
        attempt.start();
        return true;
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel();
            deadline = null;
        }
    }
}
