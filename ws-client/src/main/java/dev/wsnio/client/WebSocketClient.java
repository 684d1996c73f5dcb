package dev.wsnio.client;

import dev.wsnio.client.WebSocketConnectException.Reason;
import dev.wsnio.frame.DeflateWorkspace;
import dev.wsnio.frame.MessageCompression;
import dev.wsnio.frame.PerMessageDeflateConfig;
import dev.wsnio.handshake.ClientExtensionNegotiator;
import dev.wsnio.handshake.ExtensionNegotiationException;
import dev.wsnio.handshake.PerMessageDeflateClientNegotiator;
import dev.wsnio.handshake.HeadLimits;
import dev.wsnio.handshake.WebSocketExtension;
import dev.wsnio.ConnectionSettings;
import dev.wsnio.EndpointBuilder;
import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.engine.EventLoopGroup;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import javax.net.ssl.SSLContext;

/**
 * A WebSocket client on {@code java.nio}: opens {@code ws://} and {@code wss://} connections,
 * directly or through an HTTP proxy, all served by a fixed number of event loop threads however
 * many connections there are.
 *
 * <pre>{@code
 * try (WebSocketClient client = WebSocketClient.builder().build()) {
 *     WebSocket socket = client.connect(URI.create("ws://127.0.0.1:3000/ws?uid=42"), new WebSocketListener() {
 *         public void onText(WebSocket socket, String text) {
 *             System.out.println("pushed: " + text);
 *         }
 *     }).get();
 *     socket.sendText("hello");
 * }
 * }</pre>
 *
 * <p><b>Threads.</b> N event loops ({@code wsnio-client-loop-1..N}, N = available processors
 * by default) and, only while host names are being resolved, up to two daemon threads for the
 * JDK's blocking resolver ({@code wsnio-client-dns-*}); IP literals are never looked up.
 * Listener callbacks run on the connection's loop unless a callback executor is configured (see
 * {@link WebSocketListener}). Every public method may be called from any thread.
 *
 * <p><b>Defaults</b> (each settable on the builder): connect timeout 10 s (resolution, TCP and
 * proxy tunnel), handshake timeout 10 s (TLS and the upgrade response), response heads up to
 * 8 KiB, redirects not followed, the JDK's default {@link SSLContext} with hostname verification,
 * no proxy, no extensions, and the {@link ConnectionSettings} defaults for open connections
 * (1 MiB messages, 1 MiB send queue, close timeout 10 s, heartbeat off).
 *
 * <p>For a connection that comes back by itself after network failures, see
 * {@link #reconnecting}.
 */
public final class WebSocketClient implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WebSocketClient.class.getName());

    private final EventLoopGroup loops;
    private final HostResolver resolver;
    private final ConnectionSettings settings;
    private final Duration connectTimeout;
    private final Duration handshakeTimeout;
    private final HeadLimits headLimits;
    private final ClientTls tls;
    private final HttpProxy proxy;
    private final List<ClientExtensionNegotiator> extensionNegotiators;
    private final BiFunction<List<WebSocketExtension>, DeflateWorkspace, MessageCompression> compressionFactory;
    private final int maxRedirects;
    private final ConnectingGate connectingGate;
    private final Map<CompletableFuture<WebSocket>, URI> pending = new ConcurrentHashMap<>();
    private final Set<ReconnectingWebSocket> reconnecting = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private WebSocketClient(Builder builder) {
        this.settings = builder.connectionSettings();
        this.connectTimeout = builder.connectTimeout;
        this.handshakeTimeout = builder.handshakeTimeout;
        this.headLimits = builder.headLimits;
        this.tls = new ClientTls(builder.sslContext, builder.verifyHostname);
        this.proxy = builder.proxy;
        this.extensionNegotiators = List.copyOf(builder.extensionNegotiators);
        this.compressionFactory = builder.compressionFactory;
        this.maxRedirects = builder.maxRedirects;
        this.connectingGate = builder.oneConnectingPerHost ? new ConnectingGate(true) : ConnectingGate.OPEN;
        this.resolver = new HostResolver(builder.resolverThreads);
        this.loops = new EventLoopGroup(builder.eventLoopCount(), "wsnio-client-loop", this::fail);
    }

    /**
     * Starts configuring a client.
     *
     * @return a builder with the defaults described above
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens a connection.
     *
     * @param uri a ws:// or wss:// URI
     * @param listener receives the connection's events, starting with {@code onOpen}
     * @return completes with the open connection, or exceptionally with a
     *     {@link WebSocketConnectException} saying what failed; cancelling it abandons the attempt
     * @throws IllegalArgumentException when the URI is not a valid WebSocket URI
     */
    public CompletableFuture<WebSocket> connect(URI uri, WebSocketListener listener) {
        return connect(ConnectOptions.of(uri), listener);
    }

    /**
     * Opens a connection with extra headers, subprotocols or a local address.
     *
     * @param options what to connect to and how
     * @param listener receives the connection's events, starting with {@code onOpen}
     * @return completes with the open connection, or exceptionally with a
     *     {@link WebSocketConnectException} saying what failed; cancelling it abandons the attempt
     */
    public CompletableFuture<WebSocket> connect(ConnectOptions options, WebSocketListener listener) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(listener, "listener");
        CompletableFuture<WebSocket> result = new CompletableFuture<>();
        pending.put(result, options.uri());
        result.whenComplete((socket, error) -> pending.remove(result));
        if (closed) { // checked after registering: close() fails what it finds registered
            result.completeExceptionally(new WebSocketConnectException(Reason.CANCELLED, options.uri(),
                    "the client is closed", null));
            return result;
        }
        new ConnectAttempt(this, options, listener, result, 0).start();
        return result;
    }

    /**
     * Starts configuring a connection that reconnects by itself after network failures, server
     * restarts and dead peers, following a {@link ReconnectPolicy}.
     *
     * @param options what to connect to and how
     * @param listener receives the events of each underlying connection
     * @return a builder; {@link ReconnectingWebSocket.Builder#start()} begins connecting
     */
    public ReconnectingWebSocket.Builder reconnecting(ConnectOptions options, WebSocketListener listener) {
        return new ReconnectingWebSocket.Builder(this, options, listener);
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return true once closing has begun
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * The number of event loop threads.
     *
     * @return the count fixed when the client was built
     */
    public int eventLoopCount() {
        return loops.size();
    }

    /**
     * Stops the client: attempts in progress fail with {@link Reason#CANCELLED}, open connections
     * are closed at once (their listeners see {@code onClose} with 1006) and the threads end.
     * To close connections gracefully, close them first. When called from one of the client's
     * own callbacks it does not wait for the threads to end.
     */
    @Override
    public void close() {
        CompletableFuture<Void> stopped = stopEverything("the client is closed", null);
        if (onOwnLoop()) {
            return;
        }
        try {
            stopped.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "client event loops did not stop in time", e);
        }
    }

    /**
     * An {@link Error} on one of the client's loops (out of memory, or thrown by a listener
     * callback): the client closes as {@link #close()} does, its connections telling their
     * servers 1011 where a frame can still go, without waiting (this runs on the failing loop).
     */
    private void fail(Throwable cause) {
        LOG.log(System.Logger.Level.ERROR, "the client stops: " + cause, cause);
        stopEverything("the client stopped after a failure: " + cause, cause);
    }

    private CompletableFuture<Void> stopEverything(String why, Throwable cause) {
        closed = true;
        pending.forEach((attempt, uri) -> attempt.completeExceptionally(
                new WebSocketConnectException(Reason.CANCELLED, uri, why, cause)));
        for (ReconnectingWebSocket socket : List.copyOf(reconnecting)) {
            socket.clientClosed();
        }
        CompletableFuture<Void> stopped = loops.shutdown(cause);
        resolver.shutdown();
        return stopped;
    }

    private boolean onOwnLoop() {
        for (int i = 0; i < loops.size(); i++) {
            if (loops.get(i).inEventLoop()) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------- for attempts and handles

    void track(ReconnectingWebSocket socket) {
        reconnecting.add(socket);
    }

    void forget(ReconnectingWebSocket socket) {
        reconnecting.remove(socket);
    }

    EventLoopGroup loops() {
        return loops;
    }

    HostResolver resolver() {
        return resolver;
    }

    ConnectionSettings settings() {
        return settings;
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    HeadLimits headLimits() {
        return headLimits;
    }

    ClientTls tls() {
        return tls;
    }

    HttpProxy proxy() {
        return proxy;
    }

    List<ClientExtensionNegotiator> extensionNegotiators() {
        return extensionNegotiators;
    }

    int maxRedirects() {
        return maxRedirects;
    }

    ConnectingGate connectingGate() {
        return connectingGate;
    }

    /**
     * The compression state for the extensions the server agreed to, or null. Only offered
     * extensions are agreed (the handshake fails otherwise), and {@link Builder#extension} offers
     * one with its factory.
     */
    MessageCompression compression(List<WebSocketExtension> agreed, DeflateWorkspace workspace) {
        return agreed.isEmpty() ? null : compressionFactory.apply(agreed, workspace);
    }

    // ------------------------------------------------------------- builder

    /** Configures a {@link WebSocketClient}. Not thread-safe. */
    public static final class Builder extends EndpointBuilder<Builder> {
        private int resolverThreads = 2;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private HeadLimits headLimits = HeadLimits.DEFAULT;
        private SSLContext sslContext;
        private boolean verifyHostname = true;
        private HttpProxy proxy;
        private final List<ClientExtensionNegotiator> extensionNegotiators = new ArrayList<>();
        private BiFunction<List<WebSocketExtension>, DeflateWorkspace, MessageCompression> compressionFactory;
        private int maxRedirects;
        private boolean oneConnectingPerHost = true;

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * The most host-name lookups running at once (default 2), each on a daemon thread that
         * exists only while lookups are waiting.
         *
         * @param count at least 1
         * @return this builder
         */
        public Builder resolverThreads(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("at least one resolver thread is needed");
            }
            this.resolverThreads = count;
            return this;
        }

        /**
         * How long resolving the host, connecting TCP and (with a proxy) opening the tunnel may
         * take; default 10 s.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = requirePositive(timeout, "connectTimeout");
            return this;
        }

        /**
         * How long the TLS handshake (for wss) and the server's upgrade response may take once
         * connected; default 10 s.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = requirePositive(timeout, "handshakeTimeout");
            return this;
        }

        /**
         * Limits on the response heads of servers and proxies (default 8 KiB, 100 fields);
         * a larger head fails the attempt.
         *
         * @param limits the limits
         * @return this builder
         */
        public Builder headLimits(HeadLimits limits) {
            this.headLimits = Objects.requireNonNull(limits);
            return this;
        }

        /**
         * The TLS context for {@code wss://} (default: the JDK's default context and its trust
         * store). To trust a self-signed certificate, pass a context whose trust manager holds
         * it.
         *
         * @param context the context
         * @return this builder
         */
        public Builder tls(SSLContext context) {
            this.sslContext = Objects.requireNonNull(context);
            return this;
        }

        /**
         * <b>For tests only:</b> accepts a server certificate that does not name the host.
         * Hostname verification is what stops a trusted certificate for one site from being
         * used to impersonate another; without it, TLS protects against nothing but passive
         * eavesdroppers. The certificate chain is still checked against the trust store.
         *
         * @return this builder
         */
        public Builder insecureSkipHostnameVerification() {
            this.verifyHostname = false;
            return this;
        }

        /**
         * Connects through an HTTP proxy with {@code CONNECT} (default: directly).
         *
         * @param proxy the proxy
         * @return this builder
         */
        public Builder proxy(HttpProxy proxy) {
            this.proxy = Objects.requireNonNull(proxy);
            return this;
        }

        /**
         * Offers an extension, with the factory that makes each connection's compression state
         * from the extensions the server agreed to (used by permessage-deflate).
         *
         * @param negotiator the extension's client-side negotiation
         * @param factory makes the per-connection state from the agreed extensions and the
         *     connection's event loop's {@link DeflateWorkspace} (called on that loop)
         * @return this builder
         */
        public Builder extension(ClientExtensionNegotiator negotiator,
                                 BiFunction<List<WebSocketExtension>, DeflateWorkspace, MessageCompression> factory) {
            extensionNegotiators.add(Objects.requireNonNull(negotiator));
            this.compressionFactory = Objects.requireNonNull(factory);
            return this;
        }

        /**
         * Follows redirects (3xx with {@code Location}) up to {@code maxHops} times (default 0:
         * a redirect fails the attempt with {@link Reason#REDIRECT} and its location). A
         * redirect from wss to ws is never followed, and {@code Authorization} and
         * {@code Cookie} headers are not sent on to another origin.
         *
         * @param maxHops the most redirects followed for one connection, 0 for none
         * @return this builder
         */
        public Builder followRedirects(int maxHops) {
            if (maxHops < 0) {
                throw new IllegalArgumentException("maxHops must not be negative");
            }
            this.maxRedirects = maxHops;
            return this;
        }

        /**
         * Lets connections to the same server open their handshakes at the same time. By default
         * the client follows RFC 6455 §4.1: at most one connection per server address (per host
         * name through a proxy) is in CONNECTING; the others wait their turn (within their connect
         * timeout), which keeps clients from being used to flood a server with handshakes. A
         * load generator that opens thousands of connections to its own server may turn this off.
         *
         * @return this builder
         */
        public Builder concurrentHandshakesPerHost() {
            this.oneConnectingPerHost = false;
            return this;
        }

        /**
         * Accepts permessage-deflate (RFC 7692): offers it in every handshake (with
         * {@code client_max_window_bits}, as browsers do, unless turned off) and compresses and
         * decompresses messages when the server agrees, within whatever window the server sets.
         * See {@link PerMessageDeflateConfig} for each parameter of the offer, memory and the cap
         * on connections with context takeover.
         *
         * @param config compression level, threshold, windows and context takeover
         * @return this builder
         */
        public Builder permessageDeflate(PerMessageDeflateConfig config) {
            PerMessageDeflateClientNegotiator negotiator = new PerMessageDeflateClientNegotiator(config);
            return extension(negotiator, (agreed, workspace) -> agreed.stream()
                    .filter(extension -> extension.hasName(negotiator.name()))
                    .findFirst()
                    .map(extension -> newCompression(negotiator, extension, workspace))
                    .orElse(null));
        }

        /**
         * Offers permessage-deflate with the default settings
         * ({@link PerMessageDeflateConfig#DEFAULTS}).
         *
         * @return this builder
         */
        public Builder permessageDeflate() {
            return permessageDeflate(PerMessageDeflateConfig.DEFAULTS);
        }

        private static MessageCompression newCompression(PerMessageDeflateClientNegotiator negotiator,
                                                         WebSocketExtension agreed, DeflateWorkspace workspace) {
            try {
                return negotiator.newCompression(agreed.parameters(), workspace);
            } catch (ExtensionNegotiationException e) {
                throw new IllegalArgumentException(e.getMessage(), e); // reported as UNEXPECTED_EXTENSION
            }
        }

        /**
         * Builds the client and starts its event loops.
         *
         * @return the client
         */
        public WebSocketClient build() {
            return new WebSocketClient(this);
        }

        private static Duration requirePositive(Duration timeout, String name) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return timeout;
        }
    }
}
