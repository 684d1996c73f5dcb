/**
 * A WebSocket server on {@code java.nio}: plain HTTP routes and WebSocket endpoints on one port,
 * an upgrade hook per endpoint for authentication (synchronous or asynchronous), a registry of
 * open connections with broadcast and topics (across a fleet through a pluggable
 * {@link dev.wsnio.server.TopicBus}), heartbeats, limits with safe defaults, statistics and Flight
 * Recorder events, and a graceful stop.
 */
module dev.wsnio.server {
    requires transitive dev.wsnio;
    requires transitive dev.wsnio.handshake;
    requires jdk.jfr;

    exports dev.wsnio.server;
}
