package dev.wsnio.engine;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What a {@link Connection} does with its bytes in one phase of its life: an HTTP exchange, a
 * proxy CONNECT, a WebSocket session. A connection has one handler at a time and a handler
 * hands over to the next with {@link Connection#setHandler}. All methods run on the
 * connection's event loop thread.
 */
public interface ChannelHandler {

    /**
     * The TCP connection is established (for a client, after connect; for a server, after
     * accept), and TLS, if any, is set up to start.
     *
     * @param connection the connection
     * @throws IOException to close the connection with this cause
     */
    default void onConnected(Connection connection) throws IOException {
    }

    /**
     * Bytes arrived (decrypted, with TLS). The buffer belongs to the event loop and is reused
     * after this call: the handler consumes every byte now, or copies what it must keep.
     *
     * @param connection the connection
     * @param data the bytes between position and limit
     * @throws IOException to close the connection with this cause
     */
    void onData(Connection connection, ByteBuffer data) throws IOException;

    /**
     * The peer closed its side of the connection (read returned end of stream).
     *
     * @param connection the connection
     * @throws IOException to close the connection with this cause
     */
    void onEndOfStream(Connection connection) throws IOException;

    /**
     * The connection is closed; called exactly once, on the handler current at that moment.
     *
     * @param connection the connection
     * @param cause why, or null for an orderly close
     */
    void onClosed(Connection connection, Throwable cause);
}
