package dev.wsnio.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;

/**
 * TLS between a connection's socket and its handlers, with an {@link SSLEngine}, on the event
 * loop thread: no extra thread, no blocking.
 *
 * <p>Reading: ciphertext from the loop's read buffer is unwrapped and the plaintext handed to
 * the handler; only an incomplete TLS record is kept, per connection, until the rest arrives.
 * Writing: the connection's write queue is wrapped into records as the socket takes them (this
 * class is a {@link GatheringByteChannel} the queue writes to); records the socket did not take
 * wait in a per-connection buffer. The handshake runs through the same two paths, whenever the
 * engine asks to wrap or unwrap; its delegated tasks run inline; application bytes queued before
 * it finishes leave right after.
 *
 * <p>Renegotiation is not offered (TLS 1.3 has none; the JDK refuses unsafe TLS 1.2
 * renegotiation). {@link #closeOutbound()} sends close_notify once the queue is written, before
 * the TCP close; the peer's close_notify is reported as the end of the stream.
 */
final class TlsLayer implements GatheringByteChannel {

    private static final ByteBuffer[] NOTHING = new ByteBuffer[0];

    private final Connection connection;
    private final SSLEngine engine;
    /** Ciphertext received but not yet unwrapped (an incomplete record), write mode; or null. */
    private ByteBuffer pendingIn;
    /** Ciphertext wrapped but not yet written, write mode; or null. */
    private ByteBuffer pendingOut;
    /** Plaintext out of unwrap; allocated on first use. */
    private ByteBuffer plaintext;
    private boolean closeRequested;

    TlsLayer(Connection connection, SSLEngine engine) {
        this.connection = connection;
        this.engine = engine;
    }

    SSLEngine engine() {
        return engine;
    }

    void begin() throws IOException {
        engine.beginHandshake();
        connection.scheduleFlush();
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
        return pendingOut == null ? 0 : pendingOut.position();
    }

    void release() {
        pendingIn = null;
        pendingOut = null;
        plaintext = null;
    }

    // ------------------------------------------------------------- inbound

    /** Unwraps ciphertext just read and delivers the plaintext. */
    void unwrap(ByteBuffer ciphertext) throws IOException {
        ByteBuffer source = ciphertext;
        if (pendingIn != null) {
            pendingIn = append(pendingIn, ciphertext);
            source = pendingIn.flip();
        }
        while (!connection.isClosed()) {
            ByteBuffer out = plaintextBuffer();
            SSLEngineResult result = engine.unwrap(source, out);
            out.flip();
            if (out.hasRemaining()) {
                connection.deliver(out);
            }
            if (result.getStatus() == Status.CLOSED) {
                connection.deliverEndOfStream();
                return;
            }
            if (result.getStatus() == Status.BUFFER_OVERFLOW) {
                plaintext = ByteBuffer.allocate(2 * plaintext.capacity());
                continue;
            }
            if (result.getStatus() == Status.BUFFER_UNDERFLOW) {
                break;
            }
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
        if (connection.isClosed() || !source.hasRemaining()) {
            pendingIn = null;
        } else if (source == pendingIn) {
            pendingIn.compact();
        } else {
            int size = Math.max(source.remaining(), engine.getSession().getPacketBufferSize());
            pendingIn = ByteBuffer.allocate(size).put(source);
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

    private ByteBuffer plaintextBuffer() {
        if (plaintext == null) {
            plaintext = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        }
        return plaintext.clear();
    }

    // ------------------------------------------------------------- outbound

    /**
     * Writes the handshake's records, then the queue's bytes, then (when asked) close_notify.
     *
     * @return whether everything was written
     */
    boolean flush(WriteQueue queue) throws IOException {
        if (!writePendingOut()) {
            return false;
        }
        HandshakeStatus status = drive(engine.getHandshakeStatus());
        if (!writePendingOut()) {
            return false;
        }
        if (status != HandshakeStatus.NOT_HANDSHAKING && status != HandshakeStatus.FINISHED) {
            return false; // the handshake awaits the peer; reads will drive it on
        }
        if (!queue.writeTo(this)) {
            return false;
        }
        if (closeRequested && !engine.isOutboundDone()) {
            engine.closeOutbound();
            while (!engine.isOutboundDone()) {
                wrap(NOTHING, 0, 0);
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
        long consumed = 0;
        while (writePendingOut() && hasRemaining(sources, offset, length)) {
            SSLEngineResult result = wrap(sources, offset, length);
            consumed += result.bytesConsumed();
            if (result.bytesConsumed() == 0) {
                break;
            }
        }
        writePendingOut();
        return consumed;
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
        return !connection.isClosed();
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
                    SSLEngineResult result = wrap(NOTHING, 0, 0);
                    writePendingOut();
                    if (result.getStatus() == Status.CLOSED) {
                        return engine.getHandshakeStatus();
                    }
                }
                case FINISHED -> {
                    connection.scheduleFlush(); // application bytes may be waiting
                    return status;
                }
                default -> {
                    return status; // NEED_UNWRAP (the peer's turn) or NOT_HANDSHAKING
                }
            }
            status = engine.getHandshakeStatus();
        }
    }

    private SSLEngineResult wrap(ByteBuffer[] sources, int offset, int length) throws IOException {
        while (true) {
            if (pendingOut == null) {
                pendingOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            }
            SSLEngineResult result = engine.wrap(sources, offset, length, pendingOut);
            if (result.getStatus() != Status.BUFFER_OVERFLOW) {
                return result;
            }
            if (pendingOut.position() > 0) {
                if (!writePendingOut()) {
                    return result; // the socket is full: try again when it drains
                }
            } else {
                pendingOut = ByteBuffer.allocate(2 * pendingOut.capacity());
            }
        }
    }

    /** Writes wrapped records; returns whether none is left. */
    private boolean writePendingOut() throws IOException {
        if (pendingOut == null) {
            return true;
        }
        pendingOut.flip();
        while (pendingOut.hasRemaining()) {
            if (connection.channel().write(pendingOut) == 0) {
                pendingOut.compact();
                connection.scheduleFlush(); // the flush will ask to be told when it can write
                return false;
            }
        }
        pendingOut = null;
        return true;
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
