package dev.wsnio.examples.demo;

import dev.wsnio.WebSocket;
import dev.wsnio.examples.TimestampedLog;
import dev.wsnio.examples.demo.inspector.FramePlayground;
import dev.wsnio.examples.demo.inspector.InspectableConnections;
import dev.wsnio.examples.demo.inspector.InspectorHook;
import dev.wsnio.examples.demo.inspector.InspectorListener;
import dev.wsnio.handshake.OriginPolicy;
import dev.wsnio.server.HttpResponse;
import dev.wsnio.server.WebSocketEndpoint;
import dev.wsnio.server.WebSocketServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;

/**
 * The notes' scenario on one port: {@code GET /} serves the live dashboard page (class path
 * resources under {@code web/demo/}, the reconnecting socket under {@code web/lib/}, Vue and
 * ECharts from their WebJars under {@code /vendor/}), {@code GET /hello} answers
 * {@code Hello World}, and {@code /ws?uid=...} upgrades to a WebSocket that greets the user,
 * answers messages and receives a metrics snapshot every push interval. The server pings every
 * page every 15 s and drops pages that do not answer within 10 s (dead-peer detection), and
 * accepts permessage-deflate, which every browser offers.
 *
 * <p>The page's frame inspector uses two more routes: {@code /inspect} streams the frames of the
 * page's own connection (only its page holds the token), and {@code POST /playground} runs
 * hand-written bytes through a fresh server session.
 *
 * <p>Browsers are admitted to both WebSocket endpoints only from the pages this server served
 * ({@link #OWN_PAGES}): a browser sends its cookies with a WebSocket handshake whichever site's
 * page opens it, so a server that knew its users by cookie and accepted every origin would let
 * any site connect in their name (cross-site WebSocket hijacking). Clients without an
 * {@code Origin} (no browser, so no victim's cookies) are admitted too.
 */
public final class DashboardServer implements AutoCloseable {

    /** How often the server pings each page. */
    public static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(15);
    /** How long a page has to answer a ping. */
    public static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(10);
    /** The largest message a page may send: room for the inspector's 64-bit-length example. */
    public static final int MAX_MESSAGE_SIZE = 128 * 1024;
    /** Pages this server served (same host and port as the request), or clients that are no browser. */
    static final OriginPolicy OWN_PAGES = OriginPolicy.sameHost().allowingMissingOrigin();
    /** The topic every dashboard page is subscribed to, and the metrics are published on. */
    static final String METRICS_TOPIC = "metrics";

    /**
     * How the demo is served.
     *
     * @param host the address to listen on
     * @param port the port, 0 for any free one
     * @param pushInterval how often the metrics are pushed, at least 1 ms
     * @param deflate whether to accept permessage-deflate (RFC 7692)
     * @param tls the TLS context for {@code https://} and {@code wss://}, or empty
     */
    public record Settings(String host, int port, Duration pushInterval, boolean deflate, Optional<SSLContext> tls) {

        /**
         * Checks the push interval.
         *
         * @param host the address to listen on
         * @param port the port
         * @param pushInterval how often the metrics are pushed
         * @param deflate whether to accept permessage-deflate
         * @param tls the TLS context, or empty
         * @throws IllegalArgumentException when the push interval is under 1 ms
         */
        public Settings {
            if (pushInterval.isNegative() || pushInterval.toMillis() < 1) {
                throw new IllegalArgumentException("the push interval must be at least 1 ms");
            }
        }
    }

    private final WebSocketServer server;
    private final MetricsPublisher publisher;
    private final Duration pushInterval;

    /**
     * Configures a plain (no TLS) server with compression; nothing listens before {@link #start()}.
     *
     * @param host the address to listen on
     * @param port the port, 0 for any free one
     * @param pushInterval how often the metrics are pushed
     * @param log where connections, messages and failures are printed
     */
    public DashboardServer(String host, int port, Duration pushInterval, TimestampedLog log) {
        this(new Settings(host, port, pushInterval, true, Optional.empty()), log);
    }

    /**
     * Configures the server; nothing listens before {@link #start()}.
     *
     * @param settings address, push interval, compression and TLS
     * @param log where connections, messages and failures are printed
     */
    public DashboardServer(Settings settings, TimestampedLog log) {
        this.pushInterval = settings.pushInterval();
        ClassLoader resources = DashboardServer.class.getClassLoader();
        MessageCounter messages = new MessageCounter();
        InspectableConnections inspectables = new InspectableConnections();
        DashboardListener dashboard = new DashboardListener(log, messages, pushInterval.toMillis(), inspectables,
                this::subscribeToMetrics);
        WebSocketServer.Builder builder = WebSocketServer.builder()
                .host(settings.host())
                .port(settings.port())
                .http("/hello", request -> HttpResponse.builder(200).textBody("Hello World").build())
                .http("/vendor/vue.js", new WebJarFile("vue", "dist/vue.global.prod.js", resources))
                .http("/vendor/echarts.js", new WebJarFile("echarts", "dist/echarts.min.js", resources))
                .http("/playground", new FramePlayground(5, 20, System::currentTimeMillis))
                .staticResources("/", "web/demo", resources)
                .staticResources("/lib/", "web/lib", resources)
                .websocket("/ws", WebSocketEndpoint.builder(dashboard).upgradeHook(new UserIdHook())
                        .originPolicy(OWN_PAGES).build())
                .websocket("/inspect", WebSocketEndpoint.builder(new InspectorListener(System::currentTimeMillis))
                        .upgradeHook(new InspectorHook(inspectables)).originPolicy(OWN_PAGES).build())
                .heartbeat(HEARTBEAT_INTERVAL, HEARTBEAT_TIMEOUT)
                .maxMessageSize(MAX_MESSAGE_SIZE);
        if (settings.deflate()) {
            builder.permessageDeflate();
        }
        settings.tls().ifPresent(builder::tls);
        this.server = builder.build();
        MetricsSampler sampler = new MetricsSampler(() -> server.subscribers(METRICS_TOPIC).size(), messages,
                new SimulatedOrders(new Random()), System::currentTimeMillis);
        this.publisher = new MetricsPublisher(server, sampler, messages, log);
    }

    private void subscribeToMetrics(WebSocket page) {
        server.subscribe(page, METRICS_TOPIC);
    }

    /**
     * Binds the port and starts pushing metrics.
     *
     * @return this server
     * @throws java.io.UncheckedIOException when the port cannot be bound
     */
    public DashboardServer start() {
        server.start();
        publisher.start(pushInterval);
        return this;
    }

    /**
     * The address the server listens on.
     *
     * @return the address, with the actual port when 0 was asked for
     */
    public InetSocketAddress address() {
        return server.address();
    }

    /**
     * Stops pushing, then closes every page's connection with 1001 (going away) and waits for
     * the closing handshakes at most {@code grace}.
     *
     * @param grace how long to wait for the pages to answer the close
     */
    public void stop(Duration grace) {
        publisher.stop();
        server.stop(grace);
    }

    /**
     * Completes when the server has stopped, exceptionally when a failure stopped it.
     *
     * @return the server's {@link WebSocketServer#stopped()}
     */
    public CompletableFuture<Void> stopped() {
        return server.stopped();
    }

    /** Stops at once, without closing handshakes. */
    @Override
    public void close() {
        publisher.stop();
        server.close();
    }
}
