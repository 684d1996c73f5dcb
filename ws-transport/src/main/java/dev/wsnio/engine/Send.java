package dev.wsnio.engine;

import dev.wsnio.SendCallback;
import dev.wsnio.frame.MessageType;
import java.nio.ByteBuffer;

/**
 * One send on its way from the application to the socket: what to encode, whom to tell how it
 * ended, and the bytes of budget it took, given back when its frame is written or dropped.
 *
 * <p>A send made on its connection's loop thread takes its record from the loop's
 * {@link SendRecords} and gives it back once told: the steady path of a server that answers on
 * the loop creates no record per message. A record is therefore mutable, filled by
 * {@link #prepare} and emptied when it ends; nothing outside the engine ever sees one.
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

    /** Where this record goes back once its send ended, or null for one made off the loop. */
    private final SendRecords home;
    private WebSocketPhase phase;
    private SendPath path;
    private SendCallback callback;
    private long size;
    Kind kind;
    /** The message's type, or null for a ping or pong. */
    MessageType type;
    ByteBuffer payload;
    /** Whether a fragment ends its message (true for the other kinds). */
    boolean last;
    /**
     * Whether the payload is valid during the send only (a buffer lent to a callback, or the
     * loop's {@link TextEncoder} array): the queue copies it at once.
     */
    boolean lentPayload;

    Send(SendRecords home) {
        this.home = home;
    }

    /** Fills the record for one send; returns it. */
    Send prepare(WebSocketPhase phase, SendPath path, Kind kind, MessageType type, ByteBuffer payload,
                 boolean last, boolean lentPayload, SendCallback callback) {
        this.phase = phase;
        this.path = path;
        this.kind = kind;
        this.type = type;
        this.payload = payload;
        this.last = last;
        this.lentPayload = lentPayload;
        this.callback = callback;
        this.size = payload.remaining();
        return this;
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
        if (kind == Kind.MESSAGE) {
            phase.messageSent(size);
        }
        end(null);
    }

    @Override
    public void failed(Throwable cause) {
        end(cause);
    }

    /** Gives the budget back, empties the record (back to its loop's records) and tells the callback. */
    private void end(Throwable failure) {
        path.release(size);
        SendCallback told = callback;
        WebSocketPhase owner = phase;
        phase = null;
        path = null;
        callback = null;
        payload = null;
        if (home != null) {
            home.giveBack(this); // home is set only for records taken on this, their loop's thread
        }
        try {
            told.completed(failure);
        } catch (RuntimeException | Error e) {
            owner.callbackFailed(e); // as when a listener throws: 1011, or the loop stops
        }
    }
}
