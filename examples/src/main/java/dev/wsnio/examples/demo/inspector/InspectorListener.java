package dev.wsnio.examples.demo.inspector;

import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.examples.JsonObject;
import java.util.function.LongSupplier;

/**
 * The inspector route's endpoint: when a page's inspector connects, a tap starts recording the
 * frames of that page's dashboard connection and sends them here; when it goes away, the tap
 * is removed and the dashboard connection costs nothing again.
 */
public final class InspectorListener implements WebSocketListener {

    private final LongSupplier clock;

    /**
     * Creates the endpoint's listener.
     *
     * @param clock the time in epoch milliseconds, for the records
     */
    public InspectorListener(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public void onOpen(WebSocket socket) {
        Inspectable target = socket.attachment();
        InspectorFeed feed = new InspectorFeed(socket);
        socket.attach(new Subscription(target, feed));
        // Sent when the tap takes effect on the inspected connection's loop, not now: a page
        // that acts on it must find its next frames recorded.
        String inspecting = new JsonObject().field("type", "inspecting").field("connection", target.id())
                .field("extensions", target.socket().extensions()).toString();
        target.inspectBy(feed, clock, inspecting);
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason) {
        Subscription subscription = socket.attachment();
        subscription.target().stopInspecting(subscription.feed());
    }

    /** What an inspector's socket carries: the connection it watches and the feed to it. */
    private record Subscription(Inspectable target, InspectorFeed feed) {
    }
}
