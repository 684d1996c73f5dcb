package dev.wsnio;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What the server's and the client's builders have in common: how many event loops serve the
 * connections, and the {@link ConnectionSettings} of every open connection, with shortcuts for
 * the settings most often changed.
 *
 * @param <B> the concrete builder, returned by every method for chaining
 */
public abstract class EndpointBuilder<B extends EndpointBuilder<B>> {

    private int eventLoops = Runtime.getRuntime().availableProcessors();
    private ConnectionSettings settings = ConnectionSettings.DEFAULTS;

    /** Starts with the defaults: one event loop per processor, {@link ConnectionSettings#DEFAULTS}. */
    protected EndpointBuilder() {
    }

    /**
     * This builder as its concrete type.
     *
     * @return {@code this}
     */
    protected abstract B self();

    /**
     * The number of event loop threads (default: available processors). Each serves many
     * connections; the count never grows with the number of connections.
     *
     * @param count at least 1
     * @return this builder
     */
    public B eventLoops(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one event loop is needed");
        }
        this.eventLoops = count;
        return self();
    }

    /**
     * Settings of open connections: limits, timeouts, heartbeat, callback executor (default
     * {@link ConnectionSettings#DEFAULTS}).
     *
     * @param settings the settings
     * @return this builder
     */
    public B settings(ConnectionSettings settings) {
        this.settings = Objects.requireNonNull(settings);
        return self();
    }

    /**
     * Pings the peer of every connection every {@code interval}; a peer that sends nothing within
     * {@code timeout} of a ping is presumed dead and its connection closed locally (listeners see
     * a {@link HeartbeatTimeoutException}, then {@code onClose} with 1006): dead-peer detection.
     * Off by default.
     *
     * @param interval how often
     * @param timeout how long the peer has to answer
     * @return this builder
     */
    public B heartbeat(Duration interval, Duration timeout) {
        this.settings = settings.withHeartbeat(interval, timeout);
        return self();
    }

    /**
     * The largest message accepted (default 1 MiB); larger ones close the connection with 1009.
     *
     * @param bytes the limit
     * @return this builder
     */
    public B maxMessageSize(long bytes) {
        this.settings = settings.withMaxMessageSize(bytes);
        return self();
    }

    /**
     * Runs listener callbacks on an executor instead of the event loops, so they may block;
     * the callbacks of one connection still run one at a time and in order.
     *
     * @param executor the executor
     * @return this builder
     */
    public B callbackExecutor(Executor executor) {
        this.settings = settings.withCallbackExecutor(executor);
        return self();
    }

    /**
     * The number of event loops configured so far.
     *
     * @return at least 1
     */
    public int eventLoopCount() {
        return eventLoops;
    }

    /**
     * The connection settings configured so far.
     *
     * @return the settings
     */
    public ConnectionSettings connectionSettings() {
        return settings;
    }
}
