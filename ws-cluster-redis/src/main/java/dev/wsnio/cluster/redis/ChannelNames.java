package dev.wsnio.cluster.redis;

import dev.wsnio.server.Audience;
import java.util.Optional;

/**
 * The Redis channel of each audience, under a prefix shared by the fleet:
 * {@code PREFIX + "topic:" + name} for a topic, {@code PREFIX + "all"} for broadcasts. The
 * prefix keeps two applications on one Redis apart.
 */
final class ChannelNames {

    private static final String TOPIC = "topic:";
    private static final String EVERYONE = "all";

    private final String prefix;

    ChannelNames(String prefix) {
        this.prefix = prefix;
    }

    String of(Audience audience) {
        return audience instanceof Audience.Topic topic ? topic(topic.name()) : everyone();
    }

    String topic(String name) {
        return prefix + TOPIC + name;
    }

    String everyone() {
        return prefix + EVERYONE;
    }

    /** The audience of a channel of ours, or empty for a channel that is not. */
    Optional<Audience> audience(String channel) {
        if (!channel.startsWith(prefix)) {
            return Optional.empty();
        }
        String rest = channel.substring(prefix.length());
        if (rest.equals(EVERYONE)) {
            return Optional.of(Audience.everyone());
        }
        if (rest.startsWith(TOPIC) && rest.length() > TOPIC.length()) {
            return Optional.of(Audience.topic(rest.substring(TOPIC.length())));
        }
        return Optional.empty();
    }
}
