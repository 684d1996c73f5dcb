package dev.wsnio.server;

import dev.wsnio.frame.DeflateWorkspace;
import dev.wsnio.frame.FrameHeader;
import dev.wsnio.frame.MessageCompression;
import dev.wsnio.frame.MessageType;
import dev.wsnio.frame.PerMessageDeflateConfig;
import dev.wsnio.frame.Role;
import dev.wsnio.handshake.HeadLimits;
import dev.wsnio.handshake.PerMessageDeflateServerNegotiator;
import dev.wsnio.handshake.ServerExtensionNegotiator;
import dev.wsnio.handshake.ServerHandshake;
import dev.wsnio.handshake.WebSocketExtension;
import dev.wsnio.ConnectionSettings;
import dev.wsnio.EndpointBuilder;
import dev.wsnio.UpgradeRequest;
import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.engine.Connection;
import dev.wsnio.engine.EventLoop;
import dev.wsnio.engine.EventLoopGroup;
import dev.wsnio.engine.ConnectionTracker;
import dev.wsnio.engine.WebSocketConfig;
import dev.wsnio.engine.WebSocketConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * A WebSocket server on {@code java.nio}: plain HTTP routes and WebSocket endpoints on one port,
 * served by a fixed number of event loop threads whatever the number of connections.
 *
 * <pre>{@code
 * WebSocketServer server = WebSocketServer.builder()
 *         .port(3000)
 *         .http("/", request -> HttpResponse.builder(200).textBody("Hello World").build())
 *         .websocket("/ws", new WebSocketListener() {
 *             public void onText(WebSocket socket, String text) {
 *                 socket.sendText("你好,客户端");
 *             }
 *         })
 *         .build();
 * server.start();
 * }</pre>
 *
 * <p><b>Threads.</b> One acceptor thread ({@code wsnio-server-acceptor}) and N event loops
 * ({@code wsnio-server-loop-1..N}, N = available processors by default). Listener callbacks run
 * on the connection's loop unless a callback executor is configured; see
 * {@link WebSocketListener} for the contract. Every public method here may be called from any
 * thread.
 *
 * <p><b>Limits and defaults</b> (each settable on the builder): for the HTTP phase, a request
 * head within 10 s (handshake timeout) and of at most 8 KiB, a request body of at most 64 KiB
 * within 10 s, each response written within 30 s, kept-alive connections closed after 10 s
 * idle, pipelined requests parsed only while less than 64 KiB of answers wait; max connections
 * unlimited (beyond the limit requests are answered 503); and the {@link ConnectionSettings}
 * defaults for open WebSocket connections (1 MiB messages, 1 MiB send queue, close timeout
 * 10 s, heartbeat off).
 *
 * <p><b>A fleet.</b> {@link #publish} and {@link #broadcast} reach this server's connections;
 * with a {@link TopicBus} of a broker adapter ({@link Builder#topicBus}) they reach the
 * connections of every server sharing the broker too. {@link #stop(Duration, StopReason)} with
 * {@link StopReason#RESTART} tells clients to come back (1012) during a rolling restart, and
 * {@link #stats()} and the Flight Recorder events ({@code dev.wsnio.ConnectionOpened},
 * {@code dev.wsnio.ConnectionClosed}, {@code dev.wsnio.SlowConsumer}) are what an operator
 * watches.
 */
public final class WebSocketServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WebSocketServer.class.getName());
    /** The ALPN name of HTTP/1.1 (RFC 7301 §6). */
    private static final String HTTP_1_1 = "http/1.1";

    private final String host;
    private final int requestedPort;
    private final int eventLoopCount;
    private final Map<String, HttpHandler> httpRoutes;
    private final List<StaticResources> staticRoutes;
    private final Map<String, WebSocketEndpoint> endpoints;
    private final Map<WebSocketEndpoint, ServerHandshake> handshakes = new LinkedHashMap<>();
    private final Map<WebSocketEndpoint, WebSocketConfig> webSocketConfigs = new LinkedHashMap<>();
    /** Each endpoint's path, shared by the requests kept of connections without a query. */
    private final Map<WebSocketEndpoint, String> endpointPaths = new LinkedHashMap<>();
    /** The header fields each endpoint's connections keep, in lower case. */
    private final Map<WebSocketEndpoint, Set<String>> keptHeaderNames = new LinkedHashMap<>();
    private final List<ServerExtensionNegotiator> extensionNegotiators;
    private final BiFunction<List<WebSocketExtension>, DeflateWorkspace, MessageCompression> compressionFactory;
    private final Duration handshakeTimeout;
    private final Duration requestBodyTimeout;
    private final Duration responseWriteTimeout;
    private final Duration keepAliveTimeout;
    private final HeadLimits headLimits;
    private final int maxRequestBodyBytes;
    private final int maxConnections;
    private final SSLContext sslContext;
    private final TopicBus bus;

    private final ConnectionRegistry registry;
    private final ServerTraffic traffic = new ServerTraffic();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    /** The failure that stops the server, once one has. */
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicInteger tcpConnections = new AtomicInteger();
    private final AtomicBoolean busStopped = new AtomicBoolean();
    /**
     * Keeps the registry of open WebSocket connections and counts their traffic; a closed one
     * also ends its TCP count.
     */
    private final ConnectionTracker tracker = new ConnectionTracker() {
        @Override
        public void opened(WebSocketConnection socket) {
            socket.observeTraffic(new ConnectionTraffic(traffic, socket));
            registry.add(socket);
        }

        @Override
        public void closed(WebSocketConnection socket) {
            registry.remove(socket);
            tcpConnections.decrementAndGet();
        }
    };
    private volatile boolean stopping;
    private ServerSocketChannel listening;
    private EventLoopGroup loops;
    private Thread acceptorThread;
    private int boundPort = -1;

    private WebSocketServer(Builder builder) {
        this.host = builder.host;
        this.requestedPort = builder.port;
        this.eventLoopCount = builder.eventLoopCount();
        this.httpRoutes = Map.copyOf(builder.httpRoutes);
        this.staticRoutes = List.copyOf(builder.staticRoutes);
        this.endpoints = Map.copyOf(builder.endpoints);
        this.extensionNegotiators = List.copyOf(builder.extensionNegotiators);
        this.compressionFactory = builder.compressionFactory;
        this.handshakeTimeout = builder.handshakeTimeout;
        this.requestBodyTimeout = builder.requestBodyTimeout;
        this.responseWriteTimeout = builder.responseWriteTimeout;
        this.keepAliveTimeout = builder.keepAliveTimeout;
        this.headLimits = builder.headLimits;
        this.maxRequestBodyBytes = builder.maxRequestBodyBytes;
        this.maxConnections = builder.maxConnections;
        this.sslContext = builder.sslContext;
        this.bus = builder.topicBus;
        this.registry = new ConnectionRegistry(bus);
        endpoints.forEach((path, endpoint) -> endpointPaths.put(endpoint, path));
        ConnectionSettings settings = builder.connectionSettings();
        for (WebSocketEndpoint endpoint : endpoints.values()) {
            handshakes.put(endpoint, endpoint.handshake(extensionNegotiators));
            keptHeaderNames.put(endpoint, UpgradeRequest.keptHeaderNames(endpoint.keptHeaders()));
            webSocketConfigs.put(endpoint, new WebSocketConfig(Role.SERVER, settings, endpoint.listener(), tracker));
        }
    }

    /**
     * Starts configuring a server.
     *
     * @return a builder with the defaults described above
     */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------- life cycle

    /**
     * Binds the port and starts the event loops and the acceptor; returns once the server is
     * listening.
     *
     * @return this server
     * @throws UncheckedIOException when the port cannot be bound
     * @throws IllegalStateException when already started
     */
    public synchronized WebSocketServer start() {
        if (listening != null) {
            throw new IllegalStateException("already started");
        }
        try {
            listening = ServerSocketChannel.open();
            listening.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listening.bind(new InetSocketAddress(host, requestedPort), 1024);
            boundPort = ((InetSocketAddress) listening.getLocalAddress()).getPort();
        } catch (IOException e) {
            closeQuietly();
            throw new UncheckedIOException("cannot listen on " + host + ":" + requestedPort, e);
        }
        loops = new EventLoopGroup(eventLoopCount, "wsnio-server-loop", this::fail);
        bus.start(this::deliverLocally);
        acceptorThread = new Thread(new Acceptor(listening, this::accepted, this::fail), "wsnio-server-acceptor");
        acceptorThread.start();
        LOG.log(System.Logger.Level.DEBUG, "listening on {0}:{1}", host, String.valueOf(boundPort));
        return this;
    }

    /**
     * The port the server listens on (the actual one when 0 was asked for); -1 before start.
     *
     * @return the bound port, or -1
     */
    public int port() {
        return boundPort;
    }

    /**
     * The address the server listens on.
     *
     * @return the host and bound port
     */
    public InetSocketAddress address() {
        return new InetSocketAddress(host, boundPort);
    }

    /**
     * Completes when the server has stopped: normally once {@link #stop} or {@link #close}
     * has, exceptionally when a failure stopped it on its own. A failure is an {@link Error}
     * (an {@code OutOfMemoryError}, a {@code StackOverflowError}, one thrown by a listener
     * callback) on an event loop, a timer or the acceptor: the server then logs it, closes its
     * listening socket, closes every connection (with close code 1011 where a frame can still
     * be written) and ends its threads, so that the process can exit instead of staying up
     * deaf. A program that serves until it is stopped waits on this future too, and exits with
     * a failure status when it completes exceptionally.
     *
     * @return completes when the server has stopped, exceptionally with the failure that
     *     stopped it
     */
    public CompletableFuture<Void> stopped() {
        return stopped;
    }

    /**
     * Stops gracefully for good: {@code stop(grace, StopReason.SHUTDOWN)}, connections closed
     * with 1001 (going away).
     *
     * @param grace how long to wait for connections to close
     */
    public void stop(Duration grace) {
        stop(grace, StopReason.SHUTDOWN);
    }

    /**
     * Stops gracefully: stops accepting, sends every open WebSocket connection a close frame
     * with the reason's code (1001 going away, or 1012 service restart so that clients
     * reconnect, elsewhere or here once restarted), waits up to {@code grace} for the closing
     * handshakes, then closes whatever is left, stops the threads and the topic bus.
     *
     * @param grace how long to wait for connections to close
     * @param reason why: decides the close code
     */
    public void stop(Duration grace, StopReason reason) {
        stopping = true;
        closeListening();
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (WebSocketConnection socket : registry.connections()) {
            closing.add(socket.close(reason.closeCode(), reason.closeReason()));
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                    .get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.log(System.Logger.Level.INFO, "{0} connections still open after the grace period",
                    registry.size());
        } catch (ExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        shutdownLoops();
        markStopped();
    }

    /** Stops at once: closes the port and every connection without closing handshakes. */
    @Override
    public void close() {
        stopping = true;
        closeListening();
        shutdownLoops();
        markStopped();
    }

    private void markStopped() {
        Throwable cause = failure.get();
        if (cause == null) {
            stopped.complete(null);
        } else {
            stopped.completeExceptionally(cause);
        }
    }

    /**
     * Stops everything after a failure on a loop, a timer or the acceptor (see {@link #stopped()}).
     * Runs on the failing thread; waits for nothing.
     */
    private void fail(Throwable cause) {
        if (stopped.isDone() || !failure.compareAndSet(null, cause)) {
            return; // stopped already, or failing already
        }
        LOG.log(System.Logger.Level.ERROR, "the server stops: " + cause + " on " + Thread.currentThread().getName(),
                cause);
        stopping = true;
        synchronized (this) {
            closeQuietly();
        }
        EventLoopGroup group = loops;
        if (group == null) {
            stopped.completeExceptionally(cause);
            return;
        }
        // Done once every loop has closed its connections and ended.
        group.shutdown(cause).whenComplete((ended, error) -> {
            stopBus();
            stopped.completeExceptionally(cause);
        });
    }

    private void closeListening() {
        synchronized (this) {
            closeQuietly();
        }
        if (acceptorThread != null) {
            try {
                acceptorThread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void closeQuietly() {
        if (listening != null) {
            try {
                listening.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing listening socket", e);
            }
        }
    }

    private void shutdownLoops() {
        EventLoopGroup group = loops;
        if (group != null) {
            stopBus();
            try {
                group.shutdown().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.log(System.Logger.Level.WARNING, "event loops did not stop in time", e);
            }
        }
    }

    // ------------------------------------------------------------- connections

    /**
     * The open WebSocket connections (a live, read-only view).
     *
     * @return the connections whose handshake completed and that have not closed
     */
    public Collection<? extends WebSocket> connections() {
        return registry.connections();
    }

    /**
     * The number of open TCP connections, HTTP and WebSocket.
     *
     * @return the number of accepted connections not yet closed
     */
    public int tcpConnectionCount() {
        return tcpConnections.get();
    }

    /**
     * A snapshot of the numbers an operator watches: connections, messages and bytes in and
     * out, refused sends, closes by code, and the local members of each topic. Cheap enough to
     * sample every few seconds (it walks the topics once).
     *
     * @return the counters now
     */
    public ServerStats stats() {
        return new ServerStats(tcpConnections.get(), registry.size(), traffic.webSocketsOpened.sum(),
                traffic.messagesReceived.sum(), traffic.bytesReceived.sum(),
                traffic.messagesSent.sum(), traffic.bytesSent.sum(), traffic.sendsRefused.sum(),
                traffic.relaysFailed.sum(), traffic.closedByCode(), registry.topicMembers());
    }

    /**
     * Sends a text message to every open WebSocket connection, of this server and, through the
     * {@link TopicBus}, of the other servers of its fleet. The frame is encoded once and its
     * bytes shared; connections whose send queue is over its limit are skipped, not buffered.
     * The frame goes uncompressed even on connections that negotiated permessage-deflate
     * (RFC 7692 compresses per message, so an uncompressed message is always allowed); that
     * keeps one encoding for everyone.
     *
     * @param text the message
     * @return how many of this server's connections it was queued for, which were skipped, and
     *     whether the bus took it for the others
     */
    public BroadcastResult broadcast(String text) {
        return publish(new TopicMessage(Audience.everyone(), MessageType.TEXT, utf8(text)));
    }

    /**
     * Sends a binary message to every open WebSocket connection, encoded once, as
     * {@link #broadcast(String)} does.
     *
     * @param data the message, from position to limit (copied once)
     * @return how many of this server's connections it was queued for, which were skipped, and
     *     whether the bus took it for the others
     */
    public BroadcastResult broadcast(ByteBuffer data) {
        return publish(new TopicMessage(Audience.everyone(), MessageType.BINARY, copyOf(data)));
    }

    /**
     * Subscribes a connection to a topic (a named group, e.g. a chat room). A connection leaves
     * its topics when it closes.
     *
     * @param socket an open connection of this server
     * @param topic the topic's name
     * @return whether it is subscribed (false when the connection is closed)
     */
    public boolean subscribe(WebSocket socket, String topic) {
        return registry.subscribe(socket, topic);
    }

    /**
     * Unsubscribes a connection from a topic.
     *
     * @param socket the connection
     * @param topic the topic's name
     * @return whether it was subscribed
     */
    public boolean unsubscribe(WebSocket socket, String topic) {
        return registry.unsubscribe(socket, topic);
    }

    /**
     * The connections subscribed to a topic.
     *
     * @param topic the topic's name
     * @return a live, read-only view
     */
    public Set<WebSocket> subscribers(String topic) {
        return registry.subscribers(topic);
    }

    /**
     * The topics a connection is subscribed to.
     *
     * @param socket the connection
     * @return a live, read-only view
     */
    public Set<String> topics(WebSocket socket) {
        return registry.topicsOf(socket);
    }

    /**
     * Sends a text message to every subscriber of a topic, on this server and, through the
     * {@link TopicBus}, on the other servers of its fleet; encoded once per server, skipping
     * subscribers over their send-queue limit.
     *
     * @param topic the topic's name
     * @param text the message
     * @return how many of this server's subscribers it was queued for, which were skipped, and
     *     whether the bus took it for the others
     */
    public BroadcastResult publish(String topic, String text) {
        return publish(new TopicMessage(Audience.topic(topic), MessageType.TEXT, utf8(text)));
    }

    /**
     * Sends a binary message to every subscriber of a topic, as {@link #publish(String, String)}
     * does.
     *
     * @param topic the topic's name
     * @param data the message, from position to limit (copied once)
     * @return how many of this server's subscribers it was queued for, which were skipped, and
     *     whether the bus took it for the others
     */
    public BroadcastResult publish(String topic, ByteBuffer data) {
        return publish(new TopicMessage(Audience.topic(topic), MessageType.BINARY, copyOf(data)));
    }

    /** Delivers here, then hands the message to the bus for the other servers. */
    private BroadcastResult publish(TopicMessage message) {
        LocalDelivery delivered = deliverLocally(message);
        CompletionStage<Void> relayed = bus.relay(message);
        relayed.whenComplete((done, failure) -> {
            if (failure != null) {
                traffic.relaysFailed.increment();
            }
        });
        return new BroadcastResult(delivered.queued(), delivered.skipped(), relayed);
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static ByteBuffer copyOf(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.get(data.position(), bytes);
        return ByteBuffer.wrap(bytes);
    }

    /** What delivering a message to this server's members did. */
    private record LocalDelivery(int queued, List<WebSocket> skipped) {
    }

    /**
     * Delivers a message to this server's members of its audience: the frame is encoded once
     * and its bytes shared by every connection. Also what the bus calls with other servers'
     * messages.
     */
    private LocalDelivery deliverLocally(TopicMessage message) {
        Collection<? extends WebSocket> targets = message.audience() instanceof Audience.Topic topic
                ? registry.subscribers(topic.name())
                : registry.connections();
        if (targets.isEmpty()) {
            return new LocalDelivery(0, List.of());
        }
        ByteBuffer payload = message.payload();
        int length = payload.remaining();
        ByteBuffer frame = ByteBuffer.allocate(FrameHeader.length(length, false) + length);
        FrameHeader.write(frame, true, 0, message.type().opcode(), length, false, 0);
        frame.put(payload.duplicate()).flip();
        ByteBuffer shared = frame.asReadOnlyBuffer();
        int queued = 0;
        List<WebSocket> skipped = new ArrayList<>();
        for (WebSocket target : targets) {
            if (((WebSocketConnection) target).sendEncodedFrame(shared, length)) {
                queued++;
            } else if (target.isOpen()) {
                skipped.add(target);
            }
        }
        return new LocalDelivery(queued, skipped);
    }

    // ------------------------------------------------------------- for the exchange

    private void accepted(SocketChannel channel) {
        int count = tcpConnections.incrementAndGet();
        boolean overCapacity = maxConnections > 0 && count > maxConnections;
        EventLoop loop = loops.next();
        try {
            loop.execute(() -> Connection.accepted(loop, channel, new HttpExchange(this, overCapacity)));
        } catch (RuntimeException e) {
            tcpConnections.decrementAndGet();
            try {
                channel.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
        }
    }

    void connectionClosed() {
        tcpConnections.decrementAndGet();
    }

    private void stopBus() {
        if (!busStopped.getAndSet(true)) {
            try {
                bus.stop();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "topic bus failed to stop", e);
            }
        }
    }

    boolean isStopping() {
        return stopping;
    }

    WebSocketEndpoint endpoint(String path) {
        return endpoints.get(path);
    }

    ServerHandshake handshake(WebSocketEndpoint endpoint) {
        return handshakes.get(endpoint);
    }

    WebSocketConfig webSocketConfig(WebSocketEndpoint endpoint) {
        return webSocketConfigs.get(endpoint);
    }

    /** What an open connection of an endpoint keeps of its request (see {@link UpgradeRequest}). */
    UpgradeRequest keptRequest(WebSocketEndpoint endpoint, UpgradeRequest request) {
        return request.keeping(keptHeaderNames.get(endpoint), endpointPaths.get(endpoint));
    }

    HttpHandler httpRoute(String path) {
        HttpHandler exact = httpRoutes.get(path);
        if (exact != null) {
            return exact;
        }
        for (StaticResources resources : staticRoutes) {
            if (path.startsWith(resources.urlPrefix())) {
                return resources;
            }
        }
        return null;
    }

    /**
     * The compression state for the extensions a handshake agreed to, or null. An extension is
     * agreed only through a negotiator, and {@link Builder#extension} adds one with its factory.
     */
    MessageCompression compression(List<WebSocketExtension> agreed, DeflateWorkspace workspace) {
        return agreed.isEmpty() ? null : compressionFactory.apply(agreed, workspace);
    }

    Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    Duration requestBodyTimeout() {
        return requestBodyTimeout;
    }

    Duration responseWriteTimeout() {
        return responseWriteTimeout;
    }

    Duration keepAliveTimeout() {
        return keepAliveTimeout;
    }

    HeadLimits headLimits() {
        return headLimits;
    }

    int maxRequestBodyBytes() {
        return maxRequestBodyBytes;
    }

    SSLContext sslContext() {
        return sslContext;
    }

    /**
     * A TLS engine for a new connection. A client that offers ALPN (RFC 7301) gets
     * {@code http/1.1} when it offers it, the protocol of this port (WebSocket upgrades included,
     * RFC 6455 §4.1); otherwise the server answers without ALPN rather than fail the handshake.
     */
    SSLEngine newTlsEngine() {
        SSLEngine engine = sslContext.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setHandshakeApplicationProtocolSelector(
                (tls, offered) -> offered.contains(HTTP_1_1) ? HTTP_1_1 : "");
        return engine;
    }

    // ------------------------------------------------------------- builder

    /** Configures a {@link WebSocketServer}. Not thread-safe. */
    public static final class Builder extends EndpointBuilder<Builder> {
        private String host = "127.0.0.1";
        private int port = 0;
        private final Map<String, HttpHandler> httpRoutes = new LinkedHashMap<>();
        private final List<StaticResources> staticRoutes = new ArrayList<>();
        private final Map<String, WebSocketEndpoint> endpoints = new LinkedHashMap<>();
        private final List<ServerExtensionNegotiator> extensionNegotiators = new ArrayList<>();
        private BiFunction<List<WebSocketExtension>, DeflateWorkspace, MessageCompression> compressionFactory;
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private Duration requestBodyTimeout = Duration.ofSeconds(10);
        private Duration responseWriteTimeout = Duration.ofSeconds(30);
        private Duration keepAliveTimeout = Duration.ofSeconds(10);
        private HeadLimits headLimits = HeadLimits.DEFAULT;
        private int maxRequestBodyBytes = 64 * 1024;
        private int maxConnections;
        private SSLContext sslContext;
        private TopicBus topicBus = TopicBus.inProcess();

        private Builder() {
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * The address to listen on (default {@code 127.0.0.1}; use {@code 0.0.0.0} to accept
         * connections from other machines).
         *
         * @param host a host name or IP literal
         * @return this builder
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host);
            return this;
        }

        /**
         * The port to listen on (default 0: an ephemeral port, see {@link WebSocketServer#port()}).
         *
         * @param port 0 to 65535
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Adds a plain HTTP route for an exact path.
         *
         * @param path e.g. {@code "/hello"}
         * @param handler answers requests to the path
         * @return this builder
         */
        public Builder http(String path, HttpHandler handler) {
            httpRoutes.put(requirePath(path), Objects.requireNonNull(handler));
            return this;
        }

        /**
         * Serves class path resources under a URL prefix (see {@link StaticResources}).
         *
         * @param urlPrefix e.g. {@code "/"} or {@code "/static/"}
         * @param resourceRoot e.g. {@code "web"}
         * @param loader where the resources are
         * @return this builder
         */
        public Builder staticResources(String urlPrefix, String resourceRoot, ClassLoader loader) {
            staticRoutes.add(new StaticResources(urlPrefix, resourceRoot, loader));
            staticRoutes.sort((a, b) -> b.urlPrefix().length() - a.urlPrefix().length());
            return this;
        }

        /**
         * Adds a WebSocket endpoint with the defaults (all requests and origins accepted).
         *
         * @param path e.g. {@code "/ws"}
         * @param listener receives the endpoint's connections' events
         * @return this builder
         */
        public Builder websocket(String path, WebSocketListener listener) {
            return websocket(path, WebSocketEndpoint.of(listener));
        }

        /**
         * Adds a WebSocket endpoint.
         *
         * @param path e.g. {@code "/ws"}
         * @param endpoint the endpoint's listener, upgrade hook and handshake policy
         * @return this builder
         */
        public Builder websocket(String path, WebSocketEndpoint endpoint) {
            endpoints.put(requirePath(path), Objects.requireNonNull(endpoint));
            return this;
        }

        /**
         * How long a client has to send a complete request head: from the connection's start
         * (TLS handshake included), or from the first byte of a later request on a kept-alive
         * connection; default 10 s. A client that connected and sent nothing is disconnected;
         * one that began a request gets 408 (slowloris).
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = positive(timeout, "handshakeTimeout");
            return this;
        }

        /**
         * How long a client has to send a request body, from the end of its head; default
         * 10 s. Past it the request is answered 408 and the connection closed.
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder requestBodyTimeout(Duration timeout) {
            this.requestBodyTimeout = positive(timeout, "requestBodyTimeout");
            return this;
        }

        /**
         * How long a plain HTTP response may wait to be handed to the socket, from the moment
         * it is queued; default 30 s. Past it the connection is closed: its client does not
         * read what it asked for. Answering more requests does not extend it.
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder responseWriteTimeout(Duration timeout) {
            this.responseWriteTimeout = positive(timeout, "responseWriteTimeout");
            return this;
        }

        /**
         * How long a kept-alive connection may stay idle between requests, once its responses
         * are written (and how long the server waits for a client to close after a last
         * response sent with {@code Connection: close}); default 10 s. Past it the connection
         * is closed.
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder keepAliveTimeout(Duration timeout) {
            this.keepAliveTimeout = positive(timeout, "keepAliveTimeout");
            return this;
        }

        private static Duration positive(Duration timeout, String name) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return timeout;
        }

        /**
         * Limits of request heads (default 8 KiB, 100 header fields); beyond them requests are
         * answered 431 (or 414 for a long request line).
         *
         * @param limits the limits
         * @return this builder
         */
        public Builder headLimits(HeadLimits limits) {
            this.headLimits = Objects.requireNonNull(limits);
            return this;
        }

        /**
         * The largest request body accepted by plain HTTP routes (default 64 KiB; larger ones
         * are answered 413).
         *
         * @param bytes the limit
         * @return this builder
         */
        public Builder maxRequestBodyBytes(int bytes) {
            this.maxRequestBodyBytes = bytes;
            return this;
        }

        /**
         * The most TCP connections served at once (default 0: unlimited); requests on
         * connections beyond it are answered 503 before any upgrade.
         *
         * @param count the limit, or 0 for none
         * @return this builder
         */
        public Builder maxConnections(int count) {
            this.maxConnections = count;
            return this;
        }

        /**
         * The bus that carries published and broadcast messages to the other servers of a fleet
         * (default {@link TopicBus#inProcess()}: none). The server starts and stops it; one bus
         * per server.
         *
         * @param bus a broker adapter, such as the {@code ws-cluster-redis} module's
         * @return this builder
         */
        public Builder topicBus(TopicBus bus) {
            this.topicBus = Objects.requireNonNull(bus);
            return this;
        }

        /**
         * Serves {@code https://} and {@code wss://} with this TLS context.
         *
         * @param context a context with the server's key and certificate
         * @return this builder
         */
        public Builder tls(SSLContext context) {
            this.sslContext = context;
            return this;
        }

        /**
         * Adds an extension the server negotiates, with the factory that makes each connection's
         * compression state from the agreed extensions (used by permessage-deflate).
         *
         * @param negotiator the extension's server-side negotiation
         * @param factory makes the per-connection state from the agreed extensions and the
         *     connection's event loop's {@link DeflateWorkspace} (called on that loop)
         * @return this builder
         */
        public Builder extension(ServerExtensionNegotiator negotiator,
                                 BiFunction<List<WebSocketExtension>, DeflateWorkspace, MessageCompression> factory) {
            extensionNegotiators.add(Objects.requireNonNull(negotiator));
            this.compressionFactory = Objects.requireNonNull(factory);
            return this;
        }

        /**
         * Accepts permessage-deflate (RFC 7692) when a client offers it, with these settings:
         * every offer the RFC allows is accepted (any window of 8 to 15 bits, with or without
         * context takeover), and answered with the parameters the server honours (see
         * {@link PerMessageDeflateConfig} for memory and compression trade-offs, and the cap on
         * connections with context takeover). Off by default: compression costs CPU and, with
         * context takeover, memory per connection.
         *
         * @param config compression level, threshold, windows and context takeover
         * @return this builder
         */
        public Builder permessageDeflate(PerMessageDeflateConfig config) {
            PerMessageDeflateServerNegotiator negotiator = new PerMessageDeflateServerNegotiator(config);
            return extension(negotiator, (agreed, workspace) -> agreed.stream()
                    .filter(extension -> extension.hasName(negotiator.name()))
                    .findFirst()
                    .map(extension -> negotiator.newCompression(extension.parameters(), workspace))
                    .orElse(null));
        }

        /**
         * Accepts permessage-deflate with the default settings
         * ({@link PerMessageDeflateConfig#DEFAULTS}).
         *
         * @return this builder
         */
        public Builder permessageDeflate() {
            return permessageDeflate(PerMessageDeflateConfig.DEFAULTS);
        }

        /**
         * The server, not yet started.
         *
         * @return a server; call {@link WebSocketServer#start()} to listen
         */
        public WebSocketServer build() {
            return new WebSocketServer(this);
        }

        private static String requirePath(String path) {
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("a path starts with '/': " + path);
            }
            return path;
        }
    }
}
