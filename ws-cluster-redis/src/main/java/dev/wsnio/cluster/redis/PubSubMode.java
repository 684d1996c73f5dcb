package dev.wsnio.cluster.redis;

/**
 * Which pub/sub commands a {@link RedisTopicBus} uses, chosen from what the Redis says it is
 * ({@code cluster_enabled} in {@code INFO cluster}).
 */
public enum PubSubMode {

    /**
     * A single Redis (or a primary with replicas): {@code SUBSCRIBE}, {@code UNSUBSCRIBE},
     * {@code PUBLISH}. Every message goes through the one server.
     */
    PLAIN("SUBSCRIBE", "UNSUBSCRIBE", "PUBLISH"),

    /**
     * A Redis Cluster (Redis 7 or later): {@code SSUBSCRIBE}, {@code SUNSUBSCRIBE},
     * {@code SPUBLISH}. A channel lives on the shard that owns its hash slot, so messages are not
     * copied to every node of the cluster as plain {@code PUBLISH} would be.
     */
    SHARDED("SSUBSCRIBE", "SUNSUBSCRIBE", "SPUBLISH");

    private final String subscribeCommand;
    private final String unsubscribeCommand;
    private final String publishCommand;

    PubSubMode(String subscribeCommand, String unsubscribeCommand, String publishCommand) {
        this.subscribeCommand = subscribeCommand;
        this.unsubscribeCommand = unsubscribeCommand;
        this.publishCommand = publishCommand;
    }

    /**
     * The command that subscribes to a channel.
     *
     * @return {@code SUBSCRIBE} or {@code SSUBSCRIBE}
     */
    public String subscribeCommand() {
        return subscribeCommand;
    }

    /**
     * The command that unsubscribes from a channel.
     *
     * @return {@code UNSUBSCRIBE} or {@code SUNSUBSCRIBE}
     */
    public String unsubscribeCommand() {
        return unsubscribeCommand;
    }

    /**
     * The command that publishes to a channel.
     *
     * @return {@code PUBLISH} or {@code SPUBLISH}
     */
    public String publishCommand() {
        return publishCommand;
    }
}
