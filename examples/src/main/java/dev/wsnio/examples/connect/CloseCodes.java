package dev.wsnio.examples.connect;

import dev.wsnio.WebSocket;

/** Which ends of a connection count as success for the terminal client's exit status. */
final class CloseCodes {

    private CloseCodes() {
    }

    /**
     * Whether a close was a clean, intended end: 1000 (normal closure), or 1005 (a close frame
     * without a code, RFC 6455 §7.1.5: the closing handshake still completed).
     *
     * @param code the close code {@code onClose} reported
     * @return true for a normal end
     */
    static boolean isNormal(int code) {
        return code == WebSocket.NORMAL_CLOSURE || code == WebSocket.NO_STATUS_RECEIVED;
    }
}
