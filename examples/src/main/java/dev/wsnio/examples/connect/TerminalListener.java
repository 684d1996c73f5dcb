package dev.wsnio.examples.connect;

import dev.wsnio.examples.TimestampedLog;
import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.frame.WebSocketProtocolException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Prints what a connection receives: each message on standard output with the time it arrived
 * ({@code 12:00:01.250 < text}), binary messages as their length and first bytes in hex; the
 * connection's life (open, errors, close) on standard error, prefixed with {@code * }.
 *
 * <p>When this client fails the connection itself (the server broke the protocol, or sent a
 * message over the limit), it sends a close frame with the code that says why (1002, 1007,
 * 1009, …) and closes TCP without waiting for an answer (RFC 6455 §7.1.7), so {@code onClose}
 * reports 1006; the close is described with the code this client sent instead.
 */
class TerminalListener implements WebSocketListener {

    private static final int HEX_BYTES_SHOWN = 64;

    private final URI uri;
    private final TimestampedLog messages;
    private final PrintStream status;
    /** Why this client failed the current connection, if it did. */
    private final AtomicReference<WebSocketProtocolException> failedByThisClient = new AtomicReference<>();

    /**
     * Creates the listener.
     *
     * @param uri the URI connected to, for the status lines
     * @param messages where received messages go (standard output)
     * @param status where the connection's life is reported (standard error)
     */
    TerminalListener(URI uri, TimestampedLog messages, PrintStream status) {
        this.uri = uri;
        this.messages = messages;
        this.status = status;
    }

    @Override
    public void onOpen(WebSocket socket) {
        failedByThisClient.set(null); // a reconnecting client opens a new connection
        StringBuilder line = new StringBuilder("* connected to ").append(uri);
        if (!socket.subprotocol().isEmpty()) {
            line.append(", subprotocol ").append(socket.subprotocol());
        }
        if (!socket.extensions().isEmpty()) {
            line.append(", extensions ").append(socket.extensions());
        }
        status.println(line.append(" (type lines to send them; end input to close)"));
    }

    @Override
    public void onText(WebSocket socket, String text) {
        messages.println("< " + text);
    }

    @Override
    public void onBinary(WebSocket socket, ByteBuffer data) {
        int shown = Math.min(data.remaining(), HEX_BYTES_SHOWN);
        byte[] first = new byte[shown];
        data.duplicate().get(first);
        messages.println("< binary " + data.remaining() + " bytes: " + HexFormat.of().formatHex(first)
                + (shown < data.remaining() ? "…" : ""));
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        status.println("* " + error);
        if (error instanceof WebSocketProtocolException protocolError) {
            failedByThisClient.compareAndSet(null, protocolError);
        }
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason) {
        status.println("* closed: " + describeClose(code, reason));
    }

    /**
     * Whether this client ended the connection because the server broke the protocol or a limit.
     *
     * @return true when this client sent the close code
     */
    boolean closedByThisClient() {
        return failedByThisClient.get() != null;
    }

    /**
     * How the connection ended: the code and reason {@code onClose} reported, or, when this
     * client failed the connection, the code and reason it sent.
     *
     * @param code the code {@code onClose} reported
     * @param reason the reason {@code onClose} reported
     * @return e.g. {@code 1000 bye} or {@code 1009 message too big (sent by this client)}
     */
    String describeClose(int code, String reason) {
        WebSocketProtocolException sent = failedByThisClient.get();
        if (sent != null) {
            return sent.closeCode() + " " + sent.error().reason() + " (sent by this client)";
        }
        return code + (reason.isEmpty() ? "" : " " + reason);
    }
}
