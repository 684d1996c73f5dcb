package dev.wsnio.engine;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;

/**
 * One TCP connection on an {@link EventLoop}: reads into the loop's buffer and hands the bytes to
 * the current {@link ChannelHandler}; queues writes and flushes them at the end of the loop's
 * turn; pauses reading when too much is queued; closes exactly once.
 *
 * <p>Everything here runs on the loop's thread; other threads reach a connection through
 * {@link EventLoop#execute}.
 */
public final class Connection implements Selectable {

    private static final System.Logger LOG = System.getLogger(Connection.class.getName());
    /** Reads per readiness event before other connections get their turn. */
    private static final int READS_PER_TURN = 16;

    private final EventLoop loop;
    private final SocketChannel channel;
    private final WriteQueue writes;
    private SelectionKey key;
    private ChannelHandler handler;
    private TlsLayer tls;
    private InetSocketAddress remoteAddress;
    private InetSocketAddress localAddress;

    private boolean flushScheduled;
    private boolean closeAfterFlush;
    private boolean shutdownOutputAfterFlush;
    private boolean outputShutdown;
    private boolean closed;
    private boolean readingPausedByApplication;
    private boolean readingPausedByWrites;
    private boolean inputClosed;
    private long writeHighWaterMark = Long.MAX_VALUE;

    private Connection(EventLoop loop, SocketChannel channel, ChannelHandler handler) {
        this.loop = loop;
        this.channel = channel;
        this.handler = handler;
        this.writes = new WriteQueue(loop.writeBuffers());
    }

    /**
     * Takes over a connection a server accepted: registers it with the loop and tells the
     * handler it is connected. Runs on the loop thread.
     *
     * @param loop the loop to serve it
     * @param channel the accepted channel
     * @param handler its first handler
     * @return the connection (already closed if registration failed)
     */
    public static Connection accepted(EventLoop loop, SocketChannel channel, ChannelHandler handler) {
        Connection connection = new Connection(loop, channel, handler);
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            connection.key = loop.register(channel, SelectionKey.OP_READ, connection);
            connection.rememberAddresses();
            handler.onConnected(connection);
        } catch (IOException | RuntimeException e) {
            connection.abort(e);
        }
        return connection;
    }

    /**
     * Opens a client connection: starts a non-blocking connect and tells the handler when it
     * completes (or {@code onClosed} with the cause when it fails). Runs on the loop thread.
     *
     * @param loop the loop to serve it
     * @param remote where to connect
     * @param local the local address to bind first, or null for any
     * @param handler its first handler
     * @return the connection
     */
    public static Connection connect(EventLoop loop, SocketAddress remote, SocketAddress local,
                                     ChannelHandler handler) {
        SocketChannel channel;
        try {
            channel = SocketChannel.open();
        } catch (IOException e) {
            handler.onClosed(null, e);
            return null;
        }
        Connection connection = new Connection(loop, channel, handler);
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (local != null) {
                channel.bind(local);
            }
            if (channel.connect(remote)) {
                connection.key = loop.register(channel, SelectionKey.OP_READ, connection);
                connection.connected();
            } else {
                connection.key = loop.register(channel, SelectionKey.OP_CONNECT, connection);
            }
        } catch (IOException | RuntimeException e) {
            connection.abort(e);
        }
        return connection;
    }

    // ------------------------------------------------------------- what handlers use

    /**
     * The loop serving this connection.
     *
     * @return the loop whose thread runs everything of this connection
     */
    public EventLoop loop() {
        return loop;
    }

    /**
     * Hands the connection to the handler of its next phase.
     *
     * @param next the new handler
     */
    public void setHandler(ChannelHandler next) {
        this.handler = next;
    }

    /**
     * Puts TLS between the socket and the handlers: from now on handlers see plaintext. Call
     * before any bytes were exchanged (in {@code onConnected}).
     *
     * @param engine the configured engine (client or server mode)
     * @throws IOException when the TLS handshake cannot start
     */
    public void startTls(SSLEngine engine) throws IOException {
        tls = new TlsLayer(this, engine);
        tls.begin();
    }

    /**
     * The peer's address (null if the connection never got one).
     *
     * @return the remote address, or null
     */
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /**
     * This end's address (null if the connection never got one).
     *
     * @return the local address, or null
     */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /**
     * Whether the connection has been closed.
     *
     * @return true once closed (by either side, or aborted)
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Queues a frame; it leaves at the end of the loop's turn.
     *
     * @param header the header, valid only during this call
     * @param payload the payload, unchanged until written
     * @param masked whether to mask the payload on the way out
     * @param maskKey the masking key
     * @param completion told when it is written, or null
     */
    public void writeFrame(ByteBuffer header, ByteBuffer payload, boolean masked, int maskKey,
                           WriteCompletion completion) {
        if (rejectWrite(completion)) {
            return;
        }
        writes.addFrame(header, payload, masked, maskKey, completion);
        afterEnqueue();
    }

    /**
     * Queues a frame whose payload is only lent for this call (a compressor's reused output
     * buffer): it is copied before this method returns.
     *
     * @param header the encoded header, valid only during this call
     * @param payload the payload, valid only during this call
     * @param masked whether to mask the payload on the way out
     * @param maskKey the masking key
     * @param completion told when the frame is written, or null
     */
    public void writeFrameWithLentPayload(ByteBuffer header, ByteBuffer payload, boolean masked, int maskKey,
                                          WriteCompletion completion) {
        if (rejectWrite(completion)) {
            return;
        }
        writes.addFrameWithLentPayload(header, payload, masked, maskKey, completion);
        afterEnqueue();
    }

    /**
     * Queues bytes; they leave at the end of the loop's turn.
     *
     * @param bytes the bytes (small ones are copied; large ones must stay unchanged until written)
     * @param completion told when they are written, or null
     */
    public void write(ByteBuffer bytes, WriteCompletion completion) {
        if (rejectWrite(completion)) {
            return;
        }
        writes.addBytes(bytes, completion);
        afterEnqueue();
    }

    /**
     * Stops reading while more than this many bytes are queued for writing, and resumes when the
     * queue falls to half of it: a peer that does not read what we send cannot make us read (and
     * answer) without bound.
     *
     * @param bytes the high-water mark
     */
    public void setWriteHighWaterMark(long bytes) {
        this.writeHighWaterMark = bytes;
    }

    /** Stops reading from the peer until {@link #resumeReading()} (the application is behind). */
    public void pauseReading() {
        readingPausedByApplication = true;
        updateInterest();
    }

    /** Resumes reading after {@link #pauseReading()}. */
    public void resumeReading() {
        readingPausedByApplication = false;
        updateInterest();
    }

    /**
     * Closes once everything queued has been written (for TLS, after close_notify). The handler
     * is told {@code onClosed(null)}.
     */
    public void closeAfterFlush() {
        if (closed) {
            return;
        }
        if (outputShutdown) {
            abort(null); // nothing left to write
            return;
        }
        closeAfterFlush = true;
        if (tls != null) {
            tls.closeOutbound();
        }
        scheduleFlush();
    }

    /**
     * Half-closes once everything queued has been written: sends FIN (after close_notify with
     * TLS) but keeps reading, so that the peer reads our last bytes before it sees the end of the
     * stream. Closing at once instead could make our kernel answer the peer's unread data with
     * a reset, which may destroy our last frame in flight. The handler closes the connection
     * when it sees the end of the stream (or a timer of its own expires).
     */
    public void shutdownOutputAfterFlush() {
        if (closed || closeAfterFlush) {
            return;
        }
        shutdownOutputAfterFlush = true;
        if (tls != null) {
            tls.closeOutbound();
        }
        scheduleFlush();
    }

    /**
     * Closes at once: queued bytes are dropped and their completions fail; the handler is told
     * {@code onClosed(cause)}.
     *
     * @param cause why, or null for an orderly close
     */
    public void abort(Throwable cause) {
        if (closed) {
            return;
        }
        closed = true;
        if (key != null) {
            key.cancel();
            loop.deregistered();
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing channel", e);
        }
        if (tls != null) {
            tls.release();
        }
        writes.fail(cause != null ? cause : new ClosedChannelException());
        handler.onClosed(this, cause);
    }

    // ------------------------------------------------------------- the loop's side

    @Override
    public void onReady(SelectionKey readyKey) {
        if (closed) {
            return;
        }
        try {
            if (readyKey.isConnectable()) {
                channel.finishConnect();
                connected();
                return;
            }
            if (readyKey.isWritable()) {
                flush();
            }
            if (readyKey.isValid() && readyKey.isReadable()) {
                read();
            }
        } catch (IOException | RuntimeException e) {
            abort(e);
        }
    }

    @Override
    public void onLoopShutdown() {
        abort(new ClosedChannelException());
    }

    /** Called by the loop at the end of a turn, and when the socket became writable. */
    void flush() {
        flushScheduled = false;
        if (closed || outputShutdown) {
            return;
        }
        try {
            boolean drained;
            boolean socketFull;
            if (tls != null) {
                drained = tls.flush(writes);
                socketFull = tls.blockedOnSocket(); // else waiting for the peer, not the socket
            } else {
                drained = writes.writeTo(channel);
                socketFull = !drained;
            }
            if (drained && closeAfterFlush) {
                abort(null);
                return;
            }
            if (drained && shutdownOutputAfterFlush) {
                shutdownOutputAfterFlush = false;
                outputShutdown = true;
                channel.shutdownOutput();
            }
            readingPausedByWrites = readingPausedByWrites
                    ? writes.size() > writeHighWaterMark / 2
                    : writes.size() > writeHighWaterMark;
            updateInterest(socketFull);
        } catch (IOException | RuntimeException e) {
            abort(e);
        }
    }

    private void connected() throws IOException {
        key.interestOps(SelectionKey.OP_READ);
        rememberAddresses();
        handler.onConnected(this);
    }

    private void rememberAddresses() throws IOException {
        remoteAddress = (InetSocketAddress) channel.getRemoteAddress();
        localAddress = (InetSocketAddress) channel.getLocalAddress();
    }

    private void read() throws IOException {
        ByteBuffer buffer = loop.readBuffer();
        for (int i = 0; i < READS_PER_TURN && !closed && readingEnabled(); i++) {
            buffer.clear();
            int count = channel.read(buffer);
            if (count < 0) {
                inputClosed = true; // stop asking the selector: end of stream stays readable
                updateInterest();
                handler.onEndOfStream(this);
                return;
            }
            if (count == 0) {
                return;
            }
            buffer.flip();
            if (tls != null) {
                tls.unwrap(buffer);
            } else {
                handler.onData(this, buffer);
            }
            if (count < buffer.capacity()) {
                return;
            }
        }
    }

    /** Hands decrypted bytes to the handler (called by the TLS layer). */
    void deliver(ByteBuffer plaintext) throws IOException {
        if (!closed) {
            handler.onData(this, plaintext);
        }
    }

    /** The peer's TLS close_notify or end of stream, seen by the TLS layer. */
    void deliverEndOfStream() throws IOException {
        if (!closed) {
            handler.onEndOfStream(this);
        }
    }

    SocketChannel channel() {
        return channel;
    }

    private boolean rejectWrite(WriteCompletion completion) {
        if (closed || closeAfterFlush || shutdownOutputAfterFlush || outputShutdown) {
            if (completion != null) {
                completion.failed(new ClosedChannelException());
            }
            return true;
        }
        return false;
    }

    private void afterEnqueue() {
        if (!readingPausedByWrites && writes.size() > writeHighWaterMark) {
            readingPausedByWrites = true;
            updateInterest();
        }
        scheduleFlush();
    }

    void scheduleFlush() {
        if (!flushScheduled && !closed) {
            flushScheduled = true;
            loop.flushLater(this);
        }
    }

    private boolean readingEnabled() {
        return !readingPausedByApplication && !readingPausedByWrites && !inputClosed;
    }

    private void updateInterest() {
        updateInterest(key != null && key.isValid()
                && (key.interestOps() & SelectionKey.OP_WRITE) != 0);
    }

    private void updateInterest(boolean wantWrite) {
        if (closed || key == null || !key.isValid()
                || (key.interestOps() & SelectionKey.OP_CONNECT) != 0) {
            return;
        }
        int ops = (readingEnabled() ? SelectionKey.OP_READ : 0) | (wantWrite ? SelectionKey.OP_WRITE : 0);
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }
}
