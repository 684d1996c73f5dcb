package dev.wsnio.examples.connect;

import dev.wsnio.examples.TimestampedLog;
import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import java.io.PrintStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * Prints what a connection receives: each message on standard output with the time it arrived
 * ({@code 12:00:01.250 < text}), binary messages as their length and first bytes in hex; the
 * connection's life (open, errors, close) on standard error, prefixed with {@code * }.
 */
class TerminalListener implements WebSocketListener {

    private static final int HEX_BYTES_SHOWN = 64;

    private final URI uri;
    private final TimestampedLog messages;
    private final PrintStream status;

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
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason) {
        status.println("* closed: " + code + (reason.isEmpty() ? "" : " " + reason));
    }
}
