package dev.wsnio.cluster.redis;

import java.util.Optional;

/**
 * A snapshot of a {@link RedisTopicBus}: its link, and counters since it was built.
 *
 * @param state the link's state now
 * @param mode the pub/sub commands in use, empty until the first connection told
 * @param subscribedChannels the Redis channels subscribed now (topics with local members, and
 *     the broadcast channel)
 * @param relayed messages handed to Redis for the other servers
 * @param relayFailures messages that could not be (Redis unreachable, a command timed out, or
 *     too many commands in flight)
 * @param received messages from other servers delivered to this server's members
 * @param outages times the link was lost (or could not be made at start)
 */
public record RedisBusStats(LinkState state, Optional<PubSubMode> mode, int subscribedChannels,
                            long relayed, long relayFailures, long received, long outages) {
}
