/**
 * The engine shared by the WebSocket server and client: event loops on {@code java.nio}
 * selectors, per-connection write queues with backpressure, TLS through {@code SSLEngine},
 * timers, and the {@link dev.wsnio.transport.WebSocket} handle applications use.
 *
 * <p>{@code dev.wsnio.transport} is the API applications see; {@code dev.wsnio.transport.engine}
 * is the machinery, exported only to the server and client modules.
 */
module dev.wsnio.transport {
    requires transitive dev.wsnio.frame;
    requires transitive dev.wsnio.handshake;

    exports dev.wsnio.transport;
    exports dev.wsnio.transport.engine to dev.wsnio.server, dev.wsnio.client;
}
