/**
 * The engine shared by the WebSocket server and client: event loops on {@code java.nio}
 * selectors, per-connection write queues with backpressure, TLS through {@code SSLEngine},
 * timers, and the {@link dev.wsnio.WebSocket} handle applications use.
 *
 * <p>{@code dev.wsnio} is the API applications see; {@code dev.wsnio.engine}
 * is the machinery, exported only to the server and client modules.
 */
module dev.wsnio {
    requires transitive dev.wsnio.frame;
    requires transitive dev.wsnio.handshake;

    exports dev.wsnio;
    exports dev.wsnio.engine to dev.wsnio.server, dev.wsnio.client;
}
