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
 * turn; pauses reading when too much output is queued; closes exactly once.
 *
 * <p><b>State.</b> Each direction is open or shut, as in a TCP half-close: the input shuts when
 * the peer's end of stream arrives, the output when our FIN has gone out (after everything
 * queued before it). Output that is to shut first drains: {@link Output#SHUT_AFTER_FLUSH}
 * (then FIN, still reading) or {@link Output#CLOSE_AFTER_FLUSH} (then close the socket). Reading
 * is paused for as long as any {@link ReadPause} holds.
 *
 * <p><b>Backpressure.</b> Output above the high-water mark ({@link #setOutputWaterMarks}) pauses
 * reading: a peer that does not read what we send cannot make us read (and answer) without
 * bound; it is slowed by TCP instead. Once the queue is back at the low-water mark, reading
 * resumes and the handler hears {@link ChannelHandler#onOutputDrained}. A handler may also stop
 * consuming its input in the middle (for instance while output is backlogged): the connection
 * keeps the bytes left over and hands them back, ahead of anything newer, once reading resumes.
 *
 * <p>Everything here runs on the loop's thread; other threads reach a connection through
 * {@link EventLoop#execute}.
 */
public final class Connection implements Selectable {

    private static final System.Logger LOG = System.getLogger(Connection.class.getName());
    /** Reads per readiness event before other connections get their turn. */
    private static final int READS_PER_TURN = 16;

    /** Whether bytes may still arrive from the peer. */
    private enum Input {
        /** Reading (unless paused). */
        OPEN,
        /** The peer's end of stream arrived behind bytes still held: the handler hears it after them. */
        ENDING,
        /** The handler was told of the end of stream (or the connection closed). */
        SHUT
    }

    /** What becomes of the bytes we write. */
    private enum Output {
        /** Writes are accepted. */
        OPEN,
        /** No more writes; once the queue is written, FIN goes out and the input stays open. */
        SHUT_AFTER_FLUSH,
        /** No more writes; once the queue is written, the connection closes. */
        CLOSE_AFTER_FLUSH,
        /** FIN went out (or the connection closed). */
        SHUT
    }

    /** Why reading is paused; reading resumes when no reason is left. */
    private enum ReadPause {
        /** The handler asked ({@link #pauseReading()}), e.g. the application is behind. */
        HANDLER,
        /** Queued output passed the high-water mark and has not yet fallen to the low-water mark. */
        OUTPUT_BACKLOG,
        /** The handler left bytes unconsumed; they are delivered again before anything newer. */
        INPUT_HELD;

        /** This reason's place in a set of reasons held as bits. */
        int bit() {
            return 1 << ordinal();
        }
    }

    private final EventLoop loop;
    private final SocketChannel channel;
    private final WriteQueue writes;
    private SelectionKey key;
    private ChannelHandler handler;
    private TlsLayer tls;
    private InetSocketAddress remoteAddress;
    private InetSocketAddress localAddress;

    private Input input = Input.OPEN;
    private Output output = Output.OPEN;
    private boolean closed;
    /** Whether this connection is in the loop's list to flush at the end of the turn. */
    private boolean flushScheduled;
    /** The set of {@link ReadPause}s in force, one bit each (a set without an object per connection). */
    private int readPauses;
    private long highWaterMark = Long.MAX_VALUE;
    private long lowWaterMark = Long.MAX_VALUE;
    /** Bytes the handler left unconsumed (write mode), or null. */
    private ByteBuffer heldInput;

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
     * @return the connection, or null when no socket could be opened (the handler was told)
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
        tls = new TlsLayer(engine, new TlsTransport(), loop.tlsBuffers());
        tls.begin();
    }

    /** The TLS layer's view of this connection: the socket below it, the handler above. */
    private final class TlsTransport implements TlsLayer.Transport {
        @Override
        public int writeToSocket(ByteBuffer ciphertext) throws IOException {
            return channel.write(ciphertext);
        }

        @Override
        public void deliver(ByteBuffer plaintext) throws IOException {
            Connection.this.deliver(plaintext);
        }

        @Override
        public void deliverEndOfStream() throws IOException {
            Connection.this.deliverEndOfStream();
        }

        @Override
        public void flushLater() {
            scheduleFlush();
        }

        @Override
        public boolean isClosed() {
            return closed;
        }
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
     * Queues a frame whose payload is only lent for this call (a received message's buffer, a
     * compressor's reused output): nothing of it is kept once this method returns. A large
     * unmasked payload on a plain socket that is not waiting to become writable leaves at once,
     * with whatever is queued before it (one gathering write, and no copy when the socket takes
     * it all); other payloads, and what the socket does not take, are copied.
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
        if (WriteQueue.writesLentPayloadAtOnce(header, payload, masked) && tls == null && !waitingForSocket()) {
            try {
                writes.addFrameWritingLentPayload(channel, header, payload, completion);
            } catch (IOException | RuntimeException e) {
                // Not from inside the sender's call: the connection closes on the loop's next
                // turn (or at this turn's flush, which meets the same failure).
                loop.execute(() -> abort(e));
            }
        } else {
            writes.addFrameWithLentPayload(header, payload, masked, maskKey, completion);
        }
        afterEnqueue();
    }

    /** Whether the socket is still to connect, or full of earlier writes (a write now would take nothing). */
    private boolean waitingForSocket() {
        return (key.interestOps() & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0;
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
     * Queues bytes shared with other connections (a broadcast frame encoded once): never
     * copied, they leave at the end of the loop's turn.
     *
     * @param bytes the bytes; unchanged, by anyone, until written
     * @param completion told when they are written, or null
     */
    public void writeShared(ByteBuffer bytes, WriteCompletion completion) {
        if (rejectWrite(completion)) {
            return;
        }
        writes.addShared(bytes, completion);
        afterEnqueue();
    }

    /**
     * Bytes queued and not yet handed to the socket: what the handlers wrote and, with TLS,
     * records wrapped but not yet written.
     *
     * @return the number of bytes waiting to be written, 0 when everything has gone out
     */
    public long queuedBytes() {
        return writes.size() + (tls != null ? tls.pendingOutputBytes() : 0);
    }

    /**
     * Sets the water marks of queued output (default: none). When more than {@code high} bytes
     * are queued, reading from the peer pauses; when the queue falls to {@code low} bytes or
     * fewer, reading resumes and the handler is told {@link ChannelHandler#onOutputDrained}.
     * With {@code low} 0 that tells the handler when everything queued has been written.
     *
     * @param high the high-water mark, at least {@code low}
     * @param low the low-water mark, at least 0
     * @throws IllegalArgumentException when {@code low > high} or {@code low < 0}
     */
    public void setOutputWaterMarks(long high, long low) {
        if (low < 0 || low > high) {
            throw new IllegalArgumentException("water marks need 0 <= low <= high: low " + low + ", high " + high);
        }
        this.highWaterMark = high;
        this.lowWaterMark = low;
        checkBacklog();
    }

    /**
     * Whether queued output passed the high-water mark and has not yet fallen back to the
     * low-water mark (reading is paused meanwhile). A handler that produces output for each
     * piece of input (an HTTP server answering pipelined requests) stops consuming input while
     * this is true, leaving the rest for later (see {@link ChannelHandler#onData}).
     *
     * @return true while output is backlogged
     */
    public boolean isOutputBacklogged() {
        return pausedFor(ReadPause.OUTPUT_BACKLOG);
    }

    /** Stops reading from the peer until {@link #resumeReading()} (e.g. the application is behind). */
    public void pauseReading() {
        pause(ReadPause.HANDLER);
    }

    /** Resumes reading after {@link #pauseReading()}. */
    public void resumeReading() {
        resume(ReadPause.HANDLER);
    }

    /**
     * Closes once everything queued has been written (for TLS, after close_notify). The handler
     * is told {@code onClosed(null)}.
     */
    public void closeAfterFlush() {
        switch (output) {
            case OPEN, SHUT_AFTER_FLUSH -> {
                output = Output.CLOSE_AFTER_FLUSH;
                if (tls != null) {
                    tls.closeOutbound();
                }
                scheduleFlush();
            }
            case SHUT -> abort(null); // nothing left to write
            case CLOSE_AFTER_FLUSH -> {
                // already on its way
            }
        }
    }

    /**
     * Half-closes once everything queued has been written: sends FIN (after close_notify with
     * TLS) but keeps reading, so that the peer reads our last bytes before it sees the end of the
     * stream. Closing at once instead could make our kernel answer the peer's unread data with
     * a reset, which may destroy our last frame in flight. The handler closes the connection
     * when it sees the end of the stream (or a timer of its own expires).
     */
    public void shutdownOutputAfterFlush() {
        if (output != Output.OPEN) {
            return;
        }
        output = Output.SHUT_AFTER_FLUSH;
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
        input = Input.SHUT;
        output = Output.SHUT;
        heldInput = null;
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
        writes.fail(() -> cause != null ? cause : new ClosedChannelException());
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
                flushIfScheduled(); // what the reads produced leaves now; its buffer goes back
            }
        } catch (IOException | RuntimeException e) {
            abort(e);
        }
    }

    @Override
    public void onLoopShutdown(Throwable cause) {
        if (cause != null && !closed) {
            try {
                handler.onLoopFailure(this, cause);
                flush(); // once, without waiting: what the socket takes now
            } catch (Throwable e) {
                cause.addSuppressed(e);
            }
        }
        abort(cause != null ? cause : new ClosedChannelException());
    }

    /** Flushes if something was queued since the last flush (the loop's end-of-turn call). */
    void flushIfScheduled() {
        if (flushScheduled) {
            flush();
        }
    }

    /** Writes what the socket takes now; called when the socket became writable, and by the above. */
    private void flush() {
        flushScheduled = false;
        if (closed || output == Output.SHUT) {
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
            if (drained && output == Output.CLOSE_AFTER_FLUSH) {
                abort(null);
                return;
            }
            if (drained && output == Output.SHUT_AFTER_FLUSH) {
                output = Output.SHUT;
                channel.shutdownOutput();
            }
            updateInterest(socketFull);
            checkBacklog();
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
        for (int i = 0; i < READS_PER_TURN && readingEnabled(); i++) {
            buffer.clear();
            int count = channel.read(buffer);
            if (count < 0) {
                deliverEndOfStream();
                return;
            }
            if (count == 0) {
                return;
            }
            buffer.flip();
            if (tls != null) {
                tls.unwrap(buffer);
            } else {
                deliver(buffer);
            }
            if (count < buffer.capacity()) {
                return;
            }
            // More may be waiting: what this read produced leaves first, and its completions
            // (sends written at once, see writeFrameWithLentPayload) give their budget back, so
            // that the output water marks see it before the next read.
            flushIfScheduled();
        }
    }

    /**
     * Hands received (with TLS: decrypted) bytes to the handler, after any it left over before;
     * keeps what it leaves over now.
     */
    private void deliver(ByteBuffer data) throws IOException {
        if (closed) {
            return;
        }
        if (heldInput != null || readPauses != 0) {
            hold(data); // behind older bytes, or while paused (more TLS records of one read)
            return;
        }
        handler.onData(this, data);
        if (data.hasRemaining() && !closed) {
            hold(data);
            if (readPauses == ReadPause.INPUT_HELD.bit()) {
                loop.execute(this::deliverHeldInput); // nothing else holds reading: next turn
            }
        }
    }

    /** Keeps bytes the handler is not to see yet, behind those already kept. */
    private void hold(ByteBuffer data) {
        if (heldInput == null) {
            heldInput = ByteBuffer.allocate(data.remaining());
        } else if (heldInput.remaining() < data.remaining()) {
            ByteBuffer larger = ByteBuffer.allocate(heldInput.position() + data.remaining());
            heldInput = larger.put(heldInput.flip());
        }
        heldInput.put(data);
        pause(ReadPause.INPUT_HELD);
    }

    /** Delivers the bytes the handler left over, once nothing but them holds reading back. */
    private void deliverHeldInput() {
        if (closed || heldInput == null || readPauses != ReadPause.INPUT_HELD.bit()) {
            return; // closed, delivered already, or paused for another reason meanwhile
        }
        ByteBuffer held = heldInput.flip();
        heldInput = null;
        try {
            handler.onData(this, held);
        } catch (IOException | RuntimeException e) {
            abort(e);
            return;
        }
        if (closed) {
            return;
        }
        if (held.hasRemaining()) {
            heldInput = held.compact();
            if (readPauses == ReadPause.INPUT_HELD.bit()) {
                loop.execute(this::deliverHeldInput); // left again without pausing: next turn
            }
            return;
        }
        resume(ReadPause.INPUT_HELD);
        if (input == Input.ENDING) {
            try {
                tellEndOfStream();
            } catch (IOException | RuntimeException e) {
                abort(e);
            }
        }
    }

    /**
     * The peer's end of stream (for TLS, its close_notify): the handler hears it after every
     * byte that came before.
     */
    private void deliverEndOfStream() throws IOException {
        if (closed || input != Input.OPEN) {
            return;
        }
        if (heldInput != null) {
            input = Input.ENDING; // told once the held bytes are consumed
            updateInterest();
            return;
        }
        tellEndOfStream();
    }

    private void tellEndOfStream() throws IOException {
        input = Input.SHUT; // stop asking the selector: end of stream stays readable
        updateInterest();
        handler.onEndOfStream(this);
    }

    private boolean rejectWrite(WriteCompletion completion) {
        if (closed || output != Output.OPEN) {
            if (completion != null) {
                completion.failed(new ClosedChannelException());
            }
            return true;
        }
        return false;
    }

    private void afterEnqueue() {
        if (!pausedFor(ReadPause.OUTPUT_BACKLOG) && queuedBytes() > highWaterMark) {
            pause(ReadPause.OUTPUT_BACKLOG);
        }
        scheduleFlush();
    }

    /** Pauses reading above the high-water mark; resumes it at the low-water mark. */
    private void checkBacklog() {
        if (closed) {
            return;
        }
        long queued = queuedBytes();
        if (!pausedFor(ReadPause.OUTPUT_BACKLOG)) {
            if (queued > highWaterMark) {
                pause(ReadPause.OUTPUT_BACKLOG);
            }
        } else if (queued <= lowWaterMark) {
            resume(ReadPause.OUTPUT_BACKLOG);
            try {
                handler.onOutputDrained(this);
            } catch (IOException | RuntimeException e) {
                abort(e);
            }
        }
    }

    private void scheduleFlush() {
        if (!flushScheduled && !closed) {
            flushScheduled = true;
            loop.flushLater(this);
        }
    }

    private boolean pausedFor(ReadPause reason) {
        return (readPauses & reason.bit()) != 0;
    }

    private void pause(ReadPause reason) {
        if (!pausedFor(reason)) {
            readPauses |= reason.bit();
            updateInterest();
        }
    }

    private void resume(ReadPause reason) {
        if (!pausedFor(reason) || closed) {
            return;
        }
        readPauses &= ~reason.bit();
        if (readPauses == ReadPause.INPUT_HELD.bit()) {
            loop.execute(this::deliverHeldInput); // not from inside whatever resumed us
        }
        updateInterest();
    }

    /** Whether bytes may be read now (a closed connection's input is shut). */
    private boolean readingEnabled() {
        return input == Input.OPEN && readPauses == 0;
    }

    private void updateInterest() {
        if (!closed) {
            updateInterest((key.interestOps() & SelectionKey.OP_WRITE) != 0);
        }
    }

    /**
     * Asks the selector for what the connection waits for now. An open connection always has a
     * valid key: it is registered before its handler hears anything, and only {@link #abort}
     * cancels the key (the loop aborts every connection before it closes its selector).
     */
    private void updateInterest(boolean wantWrite) {
        if (closed || (key.interestOps() & SelectionKey.OP_CONNECT) != 0) {
            return; // closed, or not connected yet: connected() asks for reads
        }
        int ops = (readingEnabled() ? SelectionKey.OP_READ : 0) | (wantWrite ? SelectionKey.OP_WRITE : 0);
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }
}
