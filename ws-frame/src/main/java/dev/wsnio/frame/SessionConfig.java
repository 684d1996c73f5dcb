package dev.wsnio.frame;

/**
 * The limits and delivery choice of a {@link WebSocketSession}. Immutable; the {@code with}
 * methods return modified copies.
 *
 * <p>The defaults protect a server from oversized or endless input: a peer can make the
 * session hold at most {@code maxMessageSize} bytes of one message.
 *
 * @param maxFrameSize the largest frame payload accepted, announced lengths above it fail with
 *     {@link ProtocolError#FRAME_TOO_BIG} (1009) before the payload arrives. A frame of a
 *     compressed message (RFC 7692) may be larger by the compressor's worst-case growth
 *     ({@link MessageCompression#maxCompressedSize}, about 13 % for permessage-deflate), so
 *     that data that does not compress is not refused for growing: its decompressed size is
 *     what {@code maxMessageSize} limits
 * @param maxMessageSize the largest message accepted (after decompression), failing with
 *     {@link ProtocolError#MESSAGE_TOO_BIG} (1009) as soon as a message would exceed it;
 *     applies to both delivery modes
 * @param maxFragmentsPerMessage the most frames one message may take; more fail with
 *     {@link ProtocolError#TOO_MANY_FRAGMENTS} (1008): floods of tiny or empty fragments
 *     otherwise keep a message open forever at the cost of a header per byte
 * @param deliveryMode whole messages, or payload as it arrives
 */
public record SessionConfig(long maxFrameSize, long maxMessageSize, int maxFragmentsPerMessage,
                            DeliveryMode deliveryMode) {

    /** Default {@code maxMessageSize}: 1 MiB. */
    public static final long DEFAULT_MAX_MESSAGE_SIZE = 1 << 20;
    /** Default {@code maxFrameSize}: 1 MiB, as large as the largest message. */
    public static final long DEFAULT_MAX_FRAME_SIZE = DEFAULT_MAX_MESSAGE_SIZE;
    /** Default {@code maxFragmentsPerMessage}: 65,536 (a 1 MiB message in 16-byte fragments). */
    public static final int DEFAULT_MAX_FRAGMENTS_PER_MESSAGE = 1 << 16;

    /** The defaults: 1 MiB frames and messages, 65,536 fragments, whole messages. */
    public static final SessionConfig DEFAULTS = new SessionConfig(DEFAULT_MAX_FRAME_SIZE,
            DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_MAX_FRAGMENTS_PER_MESSAGE, DeliveryMode.WHOLE_MESSAGES);

    /**
     * Validates the settings.
     *
     * @param maxFrameSize the largest frame payload accepted, at least 125
     * @param maxMessageSize the largest message accepted, at least 1
     * @param maxFragmentsPerMessage the most frames one message may take, at least 1
     * @param deliveryMode whole messages or streaming; not null
     * @throws IllegalArgumentException when a limit is too small to be usable
     */
    public SessionConfig {
        if (maxFrameSize < FrameHeader.MAX_7_BIT_LENGTH) {
            throw new IllegalArgumentException("maxFrameSize must be at least 125");
        }
        if (maxMessageSize < 1) {
            throw new IllegalArgumentException("maxMessageSize must be positive");
        }
        if (maxFragmentsPerMessage < 1) {
            throw new IllegalArgumentException("maxFragmentsPerMessage must be positive");
        }
        if (deliveryMode == null) {
            throw new IllegalArgumentException("deliveryMode must not be null");
        }
        if (deliveryMode == DeliveryMode.WHOLE_MESSAGES && maxMessageSize > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "whole messages are held in one buffer: maxMessageSize must be below 2 GiB");
        }
    }

    /**
     * A copy with another maximum frame size.
     *
     * @param bytes the largest frame payload accepted
     * @return the modified copy
     */
    public SessionConfig withMaxFrameSize(long bytes) {
        return new SessionConfig(bytes, maxMessageSize, maxFragmentsPerMessage, deliveryMode);
    }

    /**
     * A copy with another maximum message size.
     *
     * @param bytes the largest message accepted
     * @return the modified copy
     */
    public SessionConfig withMaxMessageSize(long bytes) {
        return new SessionConfig(maxFrameSize, bytes, maxFragmentsPerMessage, deliveryMode);
    }

    /**
     * A copy with another maximum number of fragments per message.
     *
     * @param fragments the most frames one message may take
     * @return the modified copy
     */
    public SessionConfig withMaxFragmentsPerMessage(int fragments) {
        return new SessionConfig(maxFrameSize, maxMessageSize, fragments, deliveryMode);
    }

    /**
     * A copy with another delivery mode.
     *
     * @param mode whole messages or streaming
     * @return the modified copy
     */
    public SessionConfig withDeliveryMode(DeliveryMode mode) {
        return new SessionConfig(maxFrameSize, maxMessageSize, maxFragmentsPerMessage, mode);
    }
}
