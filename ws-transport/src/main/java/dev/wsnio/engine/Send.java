package dev.wsnio.engine;

import dev.wsnio.frame.MessageType;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * One send on its way from the application to the socket: what to encode, the future the
 * caller holds, and the bytes of budget it took, given back when its frame is written or
 * dropped.
 */
final class Send implements Runnable, WriteCompletion {

    /** Which frame the send becomes. */
    enum Kind {
        /** A whole message in one frame. */
        MESSAGE,
        /** One fragment of a message (RFC 6455 §5.4). */
        FRAGMENT,
        /** A ping (§5.5.2). */
        PING,
        /** An unsolicited pong (§5.5.3). */
        PONG
    }

    final Kind kind;
    /** The message's type, or null for a ping or pong. */
    final MessageType type;
    final ByteBuffer payload;
    /** Whether a fragment ends its message (true for the other kinds). */
    final boolean last;
    final CompletableFuture<Void> future = new CompletableFuture<>();
    private final WebSocketPhase phase;
    private final SendPath path;
    private final long size;

    Send(WebSocketPhase phase, SendPath path, Kind kind, MessageType type, ByteBuffer payload, boolean last) {
        this.phase = phase;
        this.path = path;
        this.kind = kind;
        this.type = type;
        this.payload = payload;
        this.last = last;
        this.size = payload.remaining();
    }

    /** The bytes of budget this send takes. */
    long size() {
        return size;
    }

    /** On the loop: encodes the frame and queues it. */
    @Override
    public void run() {
        phase.transmit(this);
    }

    @Override
    public void written() {
        path.release(size);
        if (kind == Kind.MESSAGE) {
            phase.messageSent(size);
        }
        future.complete(null);
    }

    @Override
    public void failed(Throwable cause) {
        path.release(size);
        future.completeExceptionally(cause);
    }
}
