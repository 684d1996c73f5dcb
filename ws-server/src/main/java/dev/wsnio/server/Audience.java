package dev.wsnio.server;

import java.util.Objects;

/**
 * Who a message published through the server is for: the subscribers of one topic, or every
 * open WebSocket connection. A {@link TopicBus} carries it to the other servers of a fleet with
 * the message.
 */
public sealed interface Audience permits Audience.Topic, Audience.Everyone {

    /**
     * The subscribers of a topic.
     *
     * @param name the topic's name
     * @return the audience
     */
    static Audience topic(String name) {
        return new Topic(name);
    }

    /**
     * Every open WebSocket connection (a broadcast).
     *
     * @return the audience
     */
    static Audience everyone() {
        return Everyone.INSTANCE;
    }

    /**
     * The connections subscribed to a topic ({@link WebSocketServer#subscribe}).
     *
     * @param name the topic's name, not empty
     */
    record Topic(String name) implements Audience {

        /**
         * Validates the name.
         *
         * @param name the topic's name, not empty
         * @throws IllegalArgumentException when the name is empty
         */
        public Topic {
            if (Objects.requireNonNull(name, "name").isEmpty()) {
                throw new IllegalArgumentException("a topic has a name");
            }
        }
    }

    /** Every open WebSocket connection of the server ({@link WebSocketServer#broadcast}). */
    enum Everyone implements Audience {
        /** The only value. */
        INSTANCE
    }
}
