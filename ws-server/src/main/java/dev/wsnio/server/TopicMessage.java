package dev.wsnio.server;

import dev.wsnio.frame.MessageType;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A message published to an audience: what a {@link TopicBus} carries between servers. The
 * payload is the message's bytes (UTF-8 for text), not a frame: each server encodes the frame
 * once for its own connections.
 *
 * @param audience a topic's subscribers, or everyone
 * @param type text or binary
 * @param payload the message's bytes, read-only; position to limit
 */
public record TopicMessage(Audience audience, MessageType type, ByteBuffer payload) {

    /**
     * Validates and makes the payload a read-only view (the bytes are not copied).
     *
     * @param audience a topic's subscribers, or everyone
     * @param type text or binary
     * @param payload the message's bytes; position to limit
     * @throws NullPointerException when a component is null
     */
    public TopicMessage {
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(type, "type");
        payload = payload.asReadOnlyBuffer();
    }
}
