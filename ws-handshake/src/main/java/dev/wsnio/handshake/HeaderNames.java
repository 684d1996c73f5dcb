package dev.wsnio.handshake;

import java.nio.charset.StandardCharsets;

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

    /**
     * The field names of a browser's upgrade request, spelt as browsers send them: a parsed
     * name spelt exactly so is one of these strings rather than a new one.
     */
    private static final String[] COMMON = {
        HOST, UPGRADE, CONNECTION, ORIGIN, COOKIE, CONTENT_LENGTH, TRANSFER_ENCODING,
        SEC_WEBSOCKET_KEY, SEC_WEBSOCKET_VERSION, SEC_WEBSOCKET_PROTOCOL, SEC_WEBSOCKET_EXTENSIONS,
        SEC_WEBSOCKET_ACCEPT, "User-Agent", "Accept", "Accept-Encoding", "Accept-Language",
        "Cache-Control", "Pragma", "Authorization", "Referer", "X-Forwarded-For",
        "Sec-Fetch-Dest", "Sec-Fetch-Mode", "Sec-Fetch-Site", "Date", "Server", CONTENT_TYPE,
        "host", "upgrade", "connection", "origin", "user-agent", "sec-websocket-key",
        "sec-websocket-version", "sec-websocket-extensions", "sec-websocket-protocol",
    };

    private HeaderNames() {
    }

    /**
     * A field name read from the wire, as a string: one of the common names when the bytes spell
     * it exactly (case included, since a field keeps the case it was sent in), else a new string.
     *
     * @param bytes ISO-8859-1 bytes holding the name from index 0
     * @param length the name's length
     * @return the name
     */
    static String named(byte[] bytes, int length) {
        for (String common : COMMON) {
            if (spells(bytes, length, common)) {
                return common;
            }
        }
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }

    private static boolean spells(byte[] bytes, int length, String name) {
        if (name.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (bytes[i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
