/**
 * A WebSocket client on the wsnio engine: connects to {@code ws://} and {@code wss://} URIs
 * (directly or through an HTTP proxy), keeps connections alive with heartbeats, and
 * reconnects by policy. Many connections share a few event loop threads.
 */
module dev.wsnio.client {
    requires transitive dev.wsnio;
    requires transitive dev.wsnio.handshake;

    exports dev.wsnio.client;
}
