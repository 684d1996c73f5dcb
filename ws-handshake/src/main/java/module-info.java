/**
 * The WebSocket opening handshake of RFC 6455 §4, without any I/O: a bounded, incremental
 * HTTP/1.1 head parser, the server's validation of an upgrade request and its answer, the
 * client's request and its verification of the answer, subprotocol and extension
 * negotiation (§9.1) and the origin policy (§10.2). Bytes in, a decision and bytes out.
 */
module dev.wsnio.handshake {
    requires transitive dev.wsnio.frame;

    exports dev.wsnio.handshake;
}
