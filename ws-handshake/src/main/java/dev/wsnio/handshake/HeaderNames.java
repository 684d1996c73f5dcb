package dev.wsnio.handshake;

/**
 * The names of the header fields this package reads or writes, spelled as RFC 6455 §11.3
 * and RFC 9110 register them. Lookups in {@link HttpHeaders} ignore case.
 */
final class HeaderNames {

    static final String HOST = "Host";
    static final String UPGRADE = "Upgrade";
    static final String CONNECTION = "Connection";
    static final String ORIGIN = "Origin";
    static final String COOKIE = "Cookie";
    static final String LOCATION = "Location";
    static final String ALLOW = "Allow";
    static final String CONTENT_TYPE = "Content-Type";
    static final String CONTENT_LENGTH = "Content-Length";
    static final String TRANSFER_ENCODING = "Transfer-Encoding";
    static final String SEC_WEBSOCKET_KEY = "Sec-WebSocket-Key";
    static final String SEC_WEBSOCKET_ACCEPT = "Sec-WebSocket-Accept";
    static final String SEC_WEBSOCKET_VERSION = "Sec-WebSocket-Version";
    static final String SEC_WEBSOCKET_PROTOCOL = "Sec-WebSocket-Protocol";
    static final String SEC_WEBSOCKET_EXTENSIONS = "Sec-WebSocket-Extensions";

    private HeaderNames() {
    }
}
