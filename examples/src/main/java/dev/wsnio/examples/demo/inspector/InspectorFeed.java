package dev.wsnio.examples.demo.inspector;

import dev.wsnio.WebSocket;
import dev.wsnio.examples.JsonObject;
import java.util.function.Consumer;

/**
 * Sends the records of an inspected connection to its inspector page, over the inspector's own
 * WebSocket. Bounded: while more than {@link #MAX_BUFFERED_BYTES} wait in that socket's queue (a
 * page that reads too slowly), records are dropped and counted, and the page is told how many
 * it missed. Called on the inspected connection's event loop only.
 */
final class InspectorFeed implements Consumer<String> {

    /** The most bytes of records waiting for one inspector page. */
    static final long MAX_BUFFERED_BYTES = 256 * 1024;

    private final WebSocket inspector;
    private long dropped;

    InspectorFeed(WebSocket inspector) {
        this.inspector = inspector;
    }

    @Override
    public void accept(String record) {
        if (inspector.bufferedAmount() > MAX_BUFFERED_BYTES) {
            dropped++;
            return;
        }
        if (dropped > 0) {
            inspector.sendText(new JsonObject().field("type", "dropped").field("count", dropped).toString());
            dropped = 0;
        }
        inspector.sendText(record);
    }

    /** Another inspector took over the connection. */
    void replaced() {
        inspector.close(1000, "another inspector took over");
    }

    /** The inspected connection closed: everything recorded was sent before this. */
    void inspectedClosed() {
        inspector.sendText(new JsonObject().field("type", "ended").toString());
        inspector.close(1000, "the inspected connection closed");
    }
}
