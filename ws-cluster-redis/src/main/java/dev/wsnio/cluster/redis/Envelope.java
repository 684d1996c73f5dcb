package dev.wsnio.cluster.redis;

import dev.wsnio.frame.MessageType;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a server puts on a Redis channel: the message's bytes behind a small header, so that
 * the receiving servers know the message's type and that the sender can recognise its own
 * message when Redis hands it back (a server that has members of a topic is subscribed to the
 * channel it publishes on; it delivered to its own members already).
 *
 * <pre>
 * byte 0       version, 1
 * byte 1       'T' text (UTF-8) or 'B' binary
 * bytes 2..17  the sending server's id (16 random bytes)
 * bytes 18..   the message's payload
 * </pre>
 */
final class Envelope {

    static final int HEADER_LENGTH = 18;
    private static final byte VERSION = 1;
    private static final byte TEXT = 'T';
    private static final byte BINARY = 'B';

    /** A decoded envelope from another server. */
    record Received(MessageType type, ByteBuffer payload) {
    }

    private Envelope() {
    }

    static byte[] encode(byte[] origin, MessageType type, ByteBuffer payload) {
        byte[] envelope = new byte[HEADER_LENGTH + payload.remaining()];
        envelope[0] = VERSION;
        envelope[1] = type == MessageType.TEXT ? TEXT : BINARY;
        System.arraycopy(origin, 0, envelope, 2, 16);
        payload.get(payload.position(), envelope, HEADER_LENGTH, payload.remaining());
        return envelope;
    }

    /**
     * Reads an envelope; empty for this server's own messages and for anything not an envelope
     * of this version.
     */
    static Optional<Received> decode(byte[] envelope, byte[] self) {
        if (envelope.length < HEADER_LENGTH || envelope[0] != VERSION
                || (envelope[1] != TEXT && envelope[1] != BINARY)) {
            return Optional.empty();
        }
        if (Arrays.equals(envelope, 2, 2 + 16, self, 0, 16)) {
            return Optional.empty();
        }
        MessageType type = envelope[1] == TEXT ? MessageType.TEXT : MessageType.BINARY;
        return Optional.of(new Received(type,
                ByteBuffer.wrap(envelope, HEADER_LENGTH, envelope.length - HEADER_LENGTH).slice()));
    }
}
