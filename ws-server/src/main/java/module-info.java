/**
 * A WebSocket server on {@code java.nio}: plain HTTP routes and WebSocket endpoints on one port,
 * an upgrade hook per endpoint for authentication, a registry of open connections with
 * broadcast and topics, heartbeats, limits with safe defaults, and a graceful stop.
 */
module dev.wsnio.server {
    requires transitive dev.wsnio;
    requires transitive dev.wsnio.handshake;

    exports dev.wsnio.server;
}
