package dev.wsnio.engine;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What a {@link Connection} does with its bytes in one phase of its life: an HTTP exchange, a
 * proxy CONNECT, a WebSocket session. A connection has one handler at a time and a handler
 * hands over to the next with {@link Connection#setHandler}. All methods run on the
 * connection's event loop thread.
 *
 * <p><b>Bounding what a peer makes us queue.</b> A handler that writes in answer to what it
 * reads (an HTTP server answering pipelined requests, a WebSocket echo) sets water marks on its
 * connection ({@link Connection#setOutputWaterMarks}): above the high mark the connection stops
 * reading; the handler itself stops consuming the bytes of the current read as soon as
 * {@link Connection#isOutputBacklogged()} says so, and returns leaving them in the buffer. The
 * connection keeps them and offers them again, before any newer bytes, after
 * {@link #onOutputDrained} (or whenever reading resumes). So a peer that sends requests without
 * reading the answers holds at most one read's worth of bytes and the queue up to the high
 * mark, and is slowed by TCP.
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
     * after this call: the handler consumes the bytes now, or copies what it must keep. Bytes it
     * leaves between position and limit (because it cannot act on them yet) are kept by the
     * connection and offered again, ahead of newer ones, once nothing else holds reading back:
     * at once on the next turn of the loop when nothing does, so a handler leaves bytes only
     * while reading is paused (its output is backlogged, or it called
     * {@link Connection#pauseReading()}).
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
     * Queued output fell to the connection's low-water mark after it had passed the high-water
     * mark; reading has resumed (bytes left over from before are offered next). With a
     * low-water mark of 0 this says that everything queued has been written: the moment to
     * answer the next pipelined request, or to stop a "response drained" deadline.
     *
     * @param connection the connection
     * @throws IOException to close the connection with this cause
     */
    default void onOutputDrained(Connection connection) throws IOException {
    }

    /**
     * The connection is closed; called exactly once, on the handler current at that moment.
     *
     * @param connection the connection
     * @param cause why, or null for an orderly close
     */
    void onClosed(Connection connection, Throwable cause);
}
