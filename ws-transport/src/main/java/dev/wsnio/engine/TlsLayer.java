package dev.wsnio.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLHandshakeException;

/**
 * TLS between a connection's socket and its handlers, with an {@link SSLEngine}, on the event
 * loop thread: no extra thread, no blocking.
 *
 * <p><b>Buffers.</b> Decryption and encryption run through two scratch buffers owned by the
 * loop ({@link TlsBuffers}), not by the connection. A connection keeps bytes of its own only
 * while it must: an incomplete record received ({@code pendingIn}, until the rest arrives) and
 * records the socket did not take ({@code pendingOut}, until it drains). An idle TLS connection
 * holds no I/O buffer; what the JDK's {@code SSLEngine} keeps is its own.
 *
 * <p><b>Reading:</b> ciphertext from the loop's read buffer is unwrapped and the plaintext
 * handed up; records split anywhere across reads are put together. <b>Writing:</b> this class
 * is the {@link GatheringByteChannel} the connection's write queue writes to; it wraps as many
 * records as the scratch buffer holds and writes them with one system call. The handshake runs
 * through the same two paths, whenever the engine asks to wrap or unwrap; its delegated tasks
 * run inline; application bytes queued before it finishes leave right after.
 *
 * <p><b>Renegotiation</b> is refused: TLS 1.3 has none, and a TLS 1.2 client that starts a new
 * handshake on a server connection has the connection closed (each one costs the server a full
 * handshake's CPU for nothing a WebSocket needs). {@link #closeOutbound()} sends close_notify
 * once the queue is written, before the TCP close; the peer's close_notify is reported as the
 * end of the stream.
 */
final class TlsLayer implements GatheringByteChannel {

    private static final ByteBuffer[] NOTHING = new ByteBuffer[0];

    /** What TLS sits between: the socket below, the connection's handler above. */
    interface Transport {
        /**
         * Writes ciphertext to the socket, as much as it takes now.
         *
         * @param ciphertext the bytes between position and limit
         * @return how many were written (0 when the socket is full)
         * @throws IOException when the socket fails
         */
        int writeToSocket(ByteBuffer ciphertext) throws IOException;

        /**
         * Hands plaintext up; the buffer is reused after the call.
         *
         * @param plaintext the bytes between position and limit
         * @throws IOException to close the connection
         */
        void deliver(ByteBuffer plaintext) throws IOException;

        /**
         * The peer sent close_notify.
         *
         * @throws IOException to close the connection
         */
        void deliverEndOfStream() throws IOException;

        /** Asks for a flush at the end of the loop's turn (the socket may take more then). */
        void flushLater();

        /** Whether the connection is closed. */
        boolean isClosed();
    }

    private final SSLEngine engine;
    private final Transport transport;
    private final TlsBuffers buffers;
    /** Ciphertext received but not yet unwrapped (an incomplete record), write mode; or null. */
    private ByteBuffer pendingIn;
    /** Ciphertext wrapped but not yet written, read mode; or null. */
    private ByteBuffer pendingOut;
    private boolean closeRequested;
    /** Whether {@link #flush} runs: a full socket is then the flush's to report, not ours to reschedule. */
    private boolean flushing;
    /** Whether the first handshake has finished; any later one is a renegotiation. */
    private boolean handshaken;

    TlsLayer(SSLEngine engine, Transport transport, TlsBuffers buffers) {
        this.engine = engine;
        this.transport = transport;
        this.buffers = buffers;
    }

    void begin() throws IOException {
        engine.beginHandshake();
        transport.flushLater();
    }

    /** Asks for close_notify after everything queued is written. */
    void closeOutbound() {
        closeRequested = true;
    }

    /** Whether wrapped records wait for room in the socket. */
    boolean blockedOnSocket() {
        return pendingOut != null;
    }

    /** Ciphertext wrapped and not yet written. */
    long pendingOutputBytes() {
        return pendingOut == null ? 0 : pendingOut.remaining();
    }

    /** The connection closed: lets go of its bytes. */
    void release() {
        pendingIn = null;
        pendingOut = null;
    }

    // ------------------------------------------------------------- inbound

    /**
     * Unwraps ciphertext just read and delivers the plaintext.
     *
     * @param ciphertext bytes from the socket (the loop's read buffer), between position and limit
     * @throws IOException when TLS fails (a bad record, an alert, a refused renegotiation)
     */
    void unwrap(ByteBuffer ciphertext) throws IOException {
        ByteBuffer source = ciphertext;
        if (pendingIn != null) {
            pendingIn = append(pendingIn, ciphertext);
            source = pendingIn.flip();
        }
        while (!transport.isClosed()) {
            ByteBuffer out = buffers.plaintext(engine.getSession().getApplicationBufferSize());
            SSLEngineResult result = engine.unwrap(source, out);
            out.flip();
            if (out.hasRemaining()) {
                transport.deliver(out);
            }
            if (result.getStatus() == Status.CLOSED) {
                pendingIn = null;
                transport.deliverEndOfStream();
                return;
            }
            if (result.getStatus() == Status.BUFFER_OVERFLOW) {
                buffers.growPlaintext(engine.getSession().getApplicationBufferSize());
                continue;
            }
            if (result.getStatus() == Status.BUFFER_UNDERFLOW) {
                break;
            }
            refuseRenegotiation(result.getHandshakeStatus());
            HandshakeStatus status = drive(result.getHandshakeStatus());
            boolean stalled = result.bytesConsumed() == 0 && result.bytesProduced() == 0;
            if (!source.hasRemaining() || (stalled && status != HandshakeStatus.NEED_UNWRAP)) {
                break;
            }
        }
        keep(source);
    }

    /** Keeps the bytes of an incomplete record for the next read. */
    private void keep(ByteBuffer source) {
        if (transport.isClosed() || !source.hasRemaining()) {
            pendingIn = null;
        } else if (source == pendingIn) {
            pendingIn.compact();
        } else {
            pendingIn = ByteBuffer.allocate(source.remaining()).put(source);
        }
    }

    private static ByteBuffer append(ByteBuffer pending, ByteBuffer more) {
        if (pending.remaining() < more.remaining()) {
            ByteBuffer larger = ByteBuffer.allocate(pending.position() + more.remaining());
            larger.put(pending.flip());
            pending = larger;
        }
        return pending.put(more);
    }

    /**
     * A server that finished its first handshake and sees a new one on TLS 1.2: the client asks
     * to renegotiate. Refused (TLS 1.3's post-handshake messages are not renegotiations).
     */
    private void refuseRenegotiation(HandshakeStatus status) throws SSLHandshakeException {
        boolean handshaking = status != HandshakeStatus.NOT_HANDSHAKING && status != HandshakeStatus.FINISHED;
        if (handshaken && handshaking && !engine.getUseClientMode()
                && "TLSv1.2".equals(engine.getSession().getProtocol())) {
            throw new SSLHandshakeException("client-initiated TLS renegotiation refused");
        }
    }

    // ------------------------------------------------------------- outbound

    /**
     * Writes the handshake's records, then the queue's bytes, then (when asked) close_notify.
     *
     * @return whether everything was written
     */
    boolean flush(WriteQueue queue) throws IOException {
        flushing = true;
        try {
            return flushQueue(queue);
        } finally {
            flushing = false;
        }
    }

    private boolean flushQueue(WriteQueue queue) throws IOException {
        if (!writePendingOut()) {
            return false;
        }
        // getHandshakeStatus() never says FINISHED (only the wrap or unwrap that finishes does),
        // so neither does drive() started from it.
        HandshakeStatus status = drive(engine.getHandshakeStatus());
        if (!writePendingOut()) {
            return false;
        }
        if (status != HandshakeStatus.NOT_HANDSHAKING) {
            return false; // the handshake awaits the peer; reads will drive it on
        }
        if (!queue.writeTo(this)) {
            return false;
        }
        if (closeRequested && !engine.isOutboundDone()) {
            engine.closeOutbound();
            while (!engine.isOutboundDone()) {
                wrapAndWrite(NOTHING, 0, 0);
                if (!writePendingOut()) {
                    return false;
                }
            }
        }
        return writePendingOut();
    }

    /** Wraps plaintext from the queue's buffers and writes the records. */
    @Override
    public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
        if (!writePendingOut() || !hasRemaining(sources, offset, length)) {
            return 0;
        }
        return wrapAndWrite(sources, offset, length);
    }

    @Override
    public long write(ByteBuffer[] sources) throws IOException {
        return write(sources, 0, sources.length);
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        return (int) write(new ByteBuffer[] {source}, 0, 1);
    }

    @Override
    public boolean isOpen() {
        return !transport.isClosed();
    }

    @Override
    public void close() {
        closeOutbound();
    }

    /**
     * Does what the handshake asks for that needs no input from the peer: runs delegated tasks
     * and wraps handshake records (written to the socket as far as it takes them).
     *
     * @return the status once only the peer can move the handshake on, or it is done
     */
    private HandshakeStatus drive(HandshakeStatus status) throws IOException {
        while (true) {
            switch (status) {
                case NEED_TASK -> runDelegatedTasks();
                case NEED_WRAP -> {
                    if (!writePendingOut()) {
                        return status; // the socket is full: the flush goes on when it drains
                    }
                    wrapAndWrite(NOTHING, 0, 0);
                    if (engine.isOutboundDone()) {
                        return engine.getHandshakeStatus();
                    }
                }
                case FINISHED -> {
                    handshaken = true;
                    transport.flushLater(); // application bytes may be waiting
                    return status;
                }
                default -> {
                    return status; // NEED_UNWRAP (the peer's turn) or NOT_HANDSHAKING
                }
            }
            HandshakeStatus next = engine.getHandshakeStatus();
            if (next == HandshakeStatus.NOT_HANDSHAKING && !handshaken) {
                handshaken = true; // finished inside a wrap: FINISHED was reported there
                transport.flushLater();
            }
            status = next;
        }
    }

    /**
     * Wraps as many records as the loop's scratch buffer holds, then writes them; what the
     * socket does not take is kept in {@code pendingOut}.
     *
     * @return the plaintext bytes consumed
     */
    private long wrapAndWrite(ByteBuffer[] sources, int offset, int length) throws IOException {
        int recordSize = engine.getSession().getPacketBufferSize();
        ByteBuffer out = buffers.ciphertext(recordSize);
        long consumed = 0;
        do {
            SSLEngineResult result = engine.wrap(sources, offset, length, out);
            consumed += result.bytesConsumed();
            if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                handshaken = true;
                transport.flushLater();
            }
            if (result.getStatus() != Status.OK || result.bytesProduced() == 0
                    || result.getHandshakeStatus() == HandshakeStatus.NEED_TASK
                    || result.getHandshakeStatus() == HandshakeStatus.NEED_UNWRAP) {
                break;
            }
        } while (out.remaining() >= recordSize && hasRemaining(sources, offset, length));
        out.flip();
        while (out.hasRemaining()) {
            if (transport.writeToSocket(out) == 0) {
                pendingOut = ByteBuffer.allocate(out.remaining()).put(out).flip();
                askToFlushWhenWritable();
                break;
            }
        }
        return consumed;
    }

    /** Writes records left over from before; returns whether none is left. */
    private boolean writePendingOut() throws IOException {
        if (pendingOut == null) {
            return true;
        }
        while (pendingOut.hasRemaining()) {
            if (transport.writeToSocket(pendingOut) == 0) {
                askToFlushWhenWritable();
                return false;
            }
        }
        pendingOut = null;
        return true;
    }

    /**
     * The socket is full. Written from the read path (a handshake record), the connection is to
     * flush, and its flush asks to be told when the socket can take more. From within a flush
     * that flush reports it itself: rescheduling would make the loop flush the connection again
     * and again in the same turn.
     */
    private void askToFlushWhenWritable() {
        if (!flushing) {
            transport.flushLater();
        }
    }

    private void runDelegatedTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    private static boolean hasRemaining(ByteBuffer[] sources, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (sources[i].hasRemaining()) {
                return true;
            }
        }
        return false;
    }
}
