package dev.wsnio.server;

import dev.wsnio.WebSocket;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * What a broadcast or publish did: how many of this server's connections it queued the message
 * for, which it skipped because their send queue was over its limit (slow consumers: the
 * application decides whether to drop them, close them, or ignore), and whether the
 * {@link TopicBus} took it for the other servers of the fleet.
 *
 * @param queued the number of this server's connections the message was queued for
 * @param skipped this server's connections that were over their {@code maxQueuedBytes}
 * @param relayed completes when the bus handed the message to its broker (at once for the
 *     in-process bus), or exceptionally when it could not (the broker unreachable): the other
 *     servers' members then do not get it. Also counted in {@link ServerStats#relaysFailed()}.
 */
public record BroadcastResult(int queued, List<WebSocket> skipped, CompletionStage<Void> relayed) {

    /**
     * Copies the list.
     *
     * @param queued the number of connections the message was queued for
     * @param skipped the connections that were over their {@code maxQueuedBytes}
     * @param relayed whether the bus took the message for the other servers
     * @throws NullPointerException when {@code skipped} or {@code relayed} is null
     */
    public BroadcastResult {
        skipped = List.copyOf(skipped);
        Objects.requireNonNull(relayed, "relayed");
    }
}
