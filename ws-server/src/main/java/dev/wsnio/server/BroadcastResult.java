package dev.wsnio.server;

import dev.wsnio.WebSocket;
import java.util.List;

/**
 * What a broadcast or publish did: how many connections it queued the message for, and which
 * it skipped because their send queue was over its limit (slow consumers: the application
 * decides whether to drop them, close them, or ignore).
 *
 * @param queued the number of connections the message was queued for
 * @param skipped the connections that were over their {@code maxQueuedBytes}
 */
public record BroadcastResult(int queued, List<WebSocket> skipped) {

    /**
     * Copies the list.
     *
     * @param queued the number of connections the message was queued for
     * @param skipped the connections that were over their {@code maxQueuedBytes}
     * @throws NullPointerException when {@code skipped} is null
     */
    public BroadcastResult {
        skipped = List.copyOf(skipped);
    }
}
