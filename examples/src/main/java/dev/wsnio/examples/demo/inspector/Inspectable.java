package dev.wsnio.examples.demo.inspector;

import dev.wsnio.WebSocket;
import dev.wsnio.examples.JsonObject;
import dev.wsnio.frame.FrameTap;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * One dashboard connection that its page may inspect: the page's user id, the connection's
 * number, and a secret token that only this connection's page receives (over the connection
 * itself). At most one inspector watches it at a time; while none does, its session has no tap.
 */
public final class Inspectable {

    private final long id;
    private final String uid;
    private final byte[] token;
    private final WebSocket socket;
    private final AtomicReference<InspectorFeed> inspector = new AtomicReference<>();
    private volatile boolean closed;

    Inspectable(long id, String uid, byte[] token, WebSocket socket) {
        this.id = id;
        this.uid = uid;
        this.token = token.clone();
        this.socket = socket;
    }

    /**
     * The message that tells the page how to subscribe to its own frames, e.g.
     * {@code {"type":"inspector","connection":7,"token":"..."}}. Sent to this connection only.
     *
     * @return the message's JSON
     */
    public String credentials() {
        return new JsonObject().field("type", "inspector").field("connection", id)
                .field("token", Base64.getUrlEncoder().withoutPadding().encodeToString(token)).toString();
    }

    /** Whether a subscription names this connection's user and token (compared in constant time). */
    boolean admits(String uid, byte[] token) {
        return this.uid.equals(uid) & MessageDigest.isEqual(this.token, token);
    }

    /**
     * Starts showing this connection's frames to an inspector, replacing (and closing) the one
     * before it, if any. The inspector gets {@code inspecting} first, once the tap is in place
     * on this connection's loop (the tap is handed over asynchronously).
     */
    void inspectBy(InspectorFeed feed, LongSupplier clock, String inspecting) {
        InspectorFeed previous = inspector.getAndSet(feed);
        if (previous != null) {
            previous.replaced();
        }
        socket.tap(new FrameRecorder(feed, clock, () -> feed.accept(inspecting)));
        if (closed && inspector.compareAndSet(feed, null)) {
            feed.inspectedClosed(); // the connection closed while this inspector was admitted
        }
    }

    /** Stops showing the frames to this inspector, unless another one took over already. */
    void stopInspecting(InspectorFeed feed) {
        if (inspector.compareAndSet(feed, null)) {
            socket.tap(FrameTap.NONE);
        }
    }

    /** The connection closed: its inspector, if any, is told and closed after the last records. */
    void closed() {
        closed = true;
        InspectorFeed feed = inspector.getAndSet(null);
        if (feed != null) {
            feed.inspectedClosed();
        }
    }

    long id() {
        return id;
    }

    WebSocket socket() {
        return socket;
    }
}
