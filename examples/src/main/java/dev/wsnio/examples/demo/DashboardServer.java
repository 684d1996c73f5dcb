package dev.wsnio.examples.demo;

import dev.wsnio.examples.TimestampedLog;
import dev.wsnio.handshake.HttpResponse;
import dev.wsnio.handshake.OriginPolicy;
import dev.wsnio.server.WebSocketEndpoint;
import dev.wsnio.server.WebSocketServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Random;

/**
 * The notes' scenario on one port: {@code GET /} serves the live dashboard page (class path
 * resources under {@code web/demo/}, and the reconnecting socket under {@code web/lib/}),
 * {@code GET /hello} answers {@code Hello World}, and
 * {@code /ws?uid=...} upgrades to a WebSocket that greets the user, answers messages and
 * receives a metrics snapshot every push interval. The server pings every page every 15 s and
 * drops pages that do not answer within 10 s (dead-peer detection).
 *
 * <p>Browsers are admitted only from the pages this server served ({@link OriginPolicy#sameHost()}):
 * a browser sends its cookies with a WebSocket handshake whichever site's page opens it, so a
 * server that knew its users by cookie and accepted every origin would let any site connect
 * in their name (cross-site WebSocket hijacking). Clients without an {@code Origin} (no
 * browser, so no victim's cookies) are admitted too.
 */
public final class DashboardServer implements AutoCloseable {

    /** How often the server pings each page. */
    public static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(15);
    /** How long a page has to answer a ping. */
    public static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(10);
    /** The largest message a page may send: the page sends short texts only. */
    public static final int MAX_MESSAGE_SIZE = 64 * 1024;

    private final WebSocketServer server;
    private final MetricsPublisher publisher;
    private final Duration pushInterval;

    /**
     * Configures the server; nothing listens before {@link #start()}.
     *
     * @param host the address to listen on
     * @param port the port, 0 for any free one
     * @param pushInterval how often the metrics are pushed
     * @param log where connections, messages and failures are printed
     */
    public DashboardServer(String host, int port, Duration pushInterval, TimestampedLog log) {
        if (pushInterval.isNegative() || pushInterval.toMillis() < 1) {
            throw new IllegalArgumentException("the push interval must be at least 1 ms");
        }
        this.pushInterval = pushInterval;
        MessageCounter messages = new MessageCounter();
        this.server = WebSocketServer.builder()
                .host(host)
                .port(port)
                .http("/hello", request -> HttpResponse.builder(200).textBody("Hello World").build())
                .staticResources("/", "web/demo", DashboardServer.class.getClassLoader())
                .staticResources("/lib/", "web/lib", DashboardServer.class.getClassLoader())
                .websocket("/ws", WebSocketEndpoint.builder(new DashboardListener(log, messages, pushInterval.toMillis()))
                        .upgradeHook(new UserIdHook())
                        .originPolicy(OriginPolicy.sameHost().allowingMissingOrigin())
                        .build())
                .heartbeat(HEARTBEAT_INTERVAL, HEARTBEAT_TIMEOUT)
                .maxMessageSize(MAX_MESSAGE_SIZE)
                .build();
        MetricsSampler sampler = new MetricsSampler(() -> server.connections().size(), messages,
                new SimulatedOrders(new Random()), System::currentTimeMillis);
        this.publisher = new MetricsPublisher(server, sampler, messages, log);
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

    /** Stops at once, without closing handshakes. */
    @Override
    public void close() {
        publisher.stop();
        server.close();
    }
}
