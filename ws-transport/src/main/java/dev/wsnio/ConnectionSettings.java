package dev.wsnio;

import dev.wsnio.frame.DeliveryMode;
import dev.wsnio.frame.SessionConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The limits, timeouts and threading of open WebSocket connections, shared by the server and
 * the client builders. Immutable; the {@code with} methods return modified copies. Every
 * default is chosen to keep an endpoint safe from a misbehaving peer:
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>setting</th><th>default</th><th>why</th></tr>
 *   <tr><td>maxMessageSize, maxFrameSize</td><td>1 MiB</td>
 *       <td>a peer can make a connection hold at most one such message</td></tr>
 *   <tr><td>maxFragmentsPerMessage</td><td>65,536</td>
 *       <td>bounds floods of tiny or empty fragments</td></tr>
 *   <tr><td>maxQueuedBytes</td><td>1 MiB</td>
 *       <td>sends beyond it fail fast; reading from the peer pauses while more than half of it
 *       is queued (answers to pings included) and resumes under an eighth, so a peer that does
 *       not read what we send is slowed by TCP, and an application that answers each message
 *       with one no larger never has a send refused for messages up to half of it</td></tr>
 *   <tr><td>messageTimeout</td><td>30 s</td>
 *       <td>a frame, or a message in fragments, not complete this long after its first byte
 *       closes the connection (1008): a peer that trickles a frame holds no connection for
 *       long</td></tr>
 *   <tr><td>closeTimeout</td><td>10 s</td>
 *       <td>how long to wait for the peer's close frame (or its TCP close) before closing</td></tr>
 *   <tr><td>idleTimeout</td><td>none</td>
 *       <td>closes (1001) a connection that received nothing for this long; heartbeats are the
 *       better tool for long-lived connections</td></tr>
 *   <tr><td>heartbeat</td><td>off</td>
 *       <td>a ping every interval; no answer within the timeout closes the connection (1006)</td></tr>
 *   <tr><td>callbackExecutor</td><td>none (the event loop)</td>
 *       <td>callbacks must not block unless an executor is given</td></tr>
 * </table>
 *
 * @param session frame and message limits, and the delivery mode
 * @param maxQueuedBytes the most bytes queued for sending before sends fail fast; reading
 *     pauses above half of it
 * @param messageTimeout how long a frame or a fragmented message may take from its first byte
 *     to its last
 * @param closeTimeout how long to wait for the closing handshake to finish
 * @param idleTimeout how long a connection may receive nothing before it is closed, or
 *     {@link Duration#ZERO} for never
 * @param heartbeatInterval how often to ping the peer, or {@link Duration#ZERO} for never
 * @param heartbeatTimeout how long after a ping the peer has to answer (any frame counts)
 * @param callbackExecutor where listener callbacks run, or null for the event loop thread
 */
public record ConnectionSettings(SessionConfig session, long maxQueuedBytes, Duration messageTimeout,
                                 Duration closeTimeout, Duration idleTimeout, Duration heartbeatInterval,
                                 Duration heartbeatTimeout, Executor callbackExecutor) {

    /** Default {@code maxQueuedBytes}: 1 MiB. */
    public static final long DEFAULT_MAX_QUEUED_BYTES = 1 << 20;
    /** Default {@code messageTimeout}: 30 seconds. */
    public static final Duration DEFAULT_MESSAGE_TIMEOUT = Duration.ofSeconds(30);
    /** Default {@code closeTimeout}: 10 seconds. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** Default {@code heartbeatTimeout}: 10 seconds. */
    public static final Duration DEFAULT_HEARTBEAT_TIMEOUT = Duration.ofSeconds(10);

    /** The defaults described above. */
    public static final ConnectionSettings DEFAULTS = new ConnectionSettings(SessionConfig.DEFAULTS,
            DEFAULT_MAX_QUEUED_BYTES, DEFAULT_MESSAGE_TIMEOUT, DEFAULT_CLOSE_TIMEOUT, Duration.ZERO, Duration.ZERO,
            DEFAULT_HEARTBEAT_TIMEOUT, null);

    /**
     * Validates the settings.
     *
     * @param session frame and message limits, and the delivery mode; not null
     * @param maxQueuedBytes the most bytes queued for sending, at least 1
     * @param messageTimeout how long a frame or a fragmented message may take, positive
     * @param closeTimeout how long to wait for the closing handshake, positive
     * @param idleTimeout how long a connection may receive nothing, or {@link Duration#ZERO}
     * @param heartbeatInterval how often to ping, or {@link Duration#ZERO} for never
     * @param heartbeatTimeout how long after a ping the peer has to answer, positive
     * @param callbackExecutor where listener callbacks run, or null for the event loop thread
     * @throws IllegalArgumentException when a value is out of range
     * @throws NullPointerException when a required value is null
     */
    public ConnectionSettings {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(messageTimeout, "messageTimeout");
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(heartbeatTimeout, "heartbeatTimeout");
        if (maxQueuedBytes < 1) {
            throw new IllegalArgumentException("maxQueuedBytes must be positive");
        }
        if (messageTimeout.isNegative() || messageTimeout.isZero()) {
            throw new IllegalArgumentException("messageTimeout must be positive");
        }
        if (closeTimeout.isNegative() || closeTimeout.isZero()) {
            throw new IllegalArgumentException("closeTimeout must be positive");
        }
        if (idleTimeout.isNegative() || heartbeatInterval.isNegative()) {
            throw new IllegalArgumentException("timeouts must not be negative");
        }
        if (heartbeatTimeout.isNegative() || heartbeatTimeout.isZero()) {
            throw new IllegalArgumentException("heartbeatTimeout must be positive");
        }
    }

    /**
     * Whether heartbeat pings are sent.
     *
     * @return true when {@code heartbeatInterval} is not zero
     */
    public boolean heartbeatEnabled() {
        return !heartbeatInterval.isZero();
    }

    /**
     * A copy with other frame and message limits.
     *
     * @param config the session limits and delivery mode
     * @return the modified copy
     */
    public ConnectionSettings withSession(SessionConfig config) {
        return new ConnectionSettings(config, maxQueuedBytes, messageTimeout, closeTimeout, idleTimeout,
                heartbeatInterval, heartbeatTimeout, callbackExecutor);
    }

    /**
     * A copy with another maximum message size (and a maximum frame size no larger).
     *
     * @param bytes the largest message accepted
     * @return the modified copy
     */
    public ConnectionSettings withMaxMessageSize(long bytes) {
        SessionConfig config = session.withMaxMessageSize(bytes)
                .withMaxFrameSize(Math.max(bytes, 125));
        return withSession(config);
    }

    /**
     * A copy with another delivery mode.
     *
     * @param mode whole messages or streaming
     * @return the modified copy
     */
    public ConnectionSettings withDeliveryMode(DeliveryMode mode) {
        return withSession(session.withDeliveryMode(mode));
    }

    /**
     * A copy with another send-queue limit.
     *
     * @param bytes the most bytes queued before sends fail fast
     * @return the modified copy
     */
    public ConnectionSettings withMaxQueuedBytes(long bytes) {
        return new ConnectionSettings(session, bytes, messageTimeout, closeTimeout, idleTimeout,
                heartbeatInterval, heartbeatTimeout, callbackExecutor);
    }

    /**
     * A copy with another message timeout.
     *
     * @param timeout how long a frame or a fragmented message may take from its first byte to
     *     its last
     * @return the modified copy
     */
    public ConnectionSettings withMessageTimeout(Duration timeout) {
        return new ConnectionSettings(session, maxQueuedBytes, timeout, closeTimeout, idleTimeout,
                heartbeatInterval, heartbeatTimeout, callbackExecutor);
    }

    /**
     * A copy with another close timeout.
     *
     * @param timeout how long to wait for the closing handshake
     * @return the modified copy
     */
    public ConnectionSettings withCloseTimeout(Duration timeout) {
        return new ConnectionSettings(session, maxQueuedBytes, messageTimeout, timeout, idleTimeout,
                heartbeatInterval, heartbeatTimeout, callbackExecutor);
    }

    /**
     * A copy with another idle timeout.
     *
     * @param timeout how long a connection may receive nothing, or {@link Duration#ZERO}
     * @return the modified copy
     */
    public ConnectionSettings withIdleTimeout(Duration timeout) {
        return new ConnectionSettings(session, maxQueuedBytes, messageTimeout, closeTimeout, timeout,
                heartbeatInterval, heartbeatTimeout, callbackExecutor);
    }

    /**
     * A copy with heartbeats: a ping every {@code interval}; a peer that sends nothing within
     * {@code timeout} of a ping is presumed dead and the connection closed with 1006.
     *
     * @param interval how often to ping, or {@link Duration#ZERO} for never
     * @param timeout how long the peer has to answer
     * @return the modified copy
     */
    public ConnectionSettings withHeartbeat(Duration interval, Duration timeout) {
        return new ConnectionSettings(session, maxQueuedBytes, messageTimeout, closeTimeout, idleTimeout,
                interval, timeout, callbackExecutor);
    }

    /**
     * A copy whose listener callbacks run on an executor instead of the event loop (in order per
     * connection), so that they may block.
     *
     * @param executor the executor, or null for the event loop
     * @return the modified copy
     */
    public ConnectionSettings withCallbackExecutor(Executor executor) {
        return new ConnectionSettings(session, maxQueuedBytes, messageTimeout, closeTimeout, idleTimeout,
                heartbeatInterval, heartbeatTimeout, executor);
    }
}
