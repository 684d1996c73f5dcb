package dev.wsnio.benchmarks.load;

import dev.wsnio.benchmarks.codec.JsonLikeText;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The messages of the echo load: each one is a fixed filler of the chosen size (JSON-like ASCII
 * for text, pseudo-random bytes for binary) whose first 16 bytes are replaced by the
 * connection's number and the message's sequence number in hexadecimal, so that an echo can be
 * checked byte for byte, and a lost, duplicated or reordered message is noticed.
 */
final class EchoMessages {

    /** The length of the header (connection and sequence numbers, 8 hex digits each). */
    static final int HEADER = 16;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final int size;
    private final byte[] filler;
    private final String fillerText;
    private final ByteBuffer fillerTail;

    /**
     * Prepares the filler.
     *
     * @param size the message size in bytes
     * @param binary whether messages are binary (else text)
     */
    EchoMessages(int size, boolean binary) {
        this.size = size;
        if (binary) {
            filler = new byte[size];
            new SplittableRandom(42).nextBytes(filler);
        } else {
            filler = JsonLikeText.bytes(size);
        }
        fillerText = new String(filler, StandardCharsets.ISO_8859_1);
        fillerTail = ByteBuffer.wrap(filler, Math.min(HEADER, size), size - Math.min(HEADER, size)).slice();
    }

    /** The message size in bytes. */
    int size() {
        return size;
    }

    /**
     * A binary message, in a buffer of its own (a send keeps its buffer until written).
     *
     * @param connection the connection's number
     * @param sequence the message's sequence number on that connection
     * @return the message
     */
    ByteBuffer binary(int connection, long sequence) {
        byte[] message = filler.clone();
        writeHeader(message, connection, sequence);
        return ByteBuffer.wrap(message);
    }

    /**
     * A text message (ASCII).
     *
     * @param connection the connection's number
     * @param sequence the message's sequence number on that connection
     * @return the message
     */
    String text(int connection, long sequence) {
        byte[] message = filler.clone();
        writeHeader(message, connection, sequence);
        return new String(message, StandardCharsets.ISO_8859_1);
    }

    /**
     * Whether a received binary message is exactly the one expected.
     *
     * @param received the echo, between position and limit (not moved)
     * @param connection the connection's number
     * @param sequence the expected sequence number
     * @return true when every byte matches
     */
    boolean matches(ByteBuffer received, int connection, long sequence) {
        if (received.remaining() != size) {
            return false;
        }
        int start = received.position();
        int header = Math.min(HEADER, size);
        for (int i = 0; i < header; i++) {
            if (received.get(start + i) != headerByte(i, connection, sequence)) {
                return false;
            }
        }
        return received.slice(start + header, size - header).mismatch(fillerTail) == -1;
    }

    /**
     * Whether a received text message is exactly the one expected.
     *
     * @param received the echo
     * @param connection the connection's number
     * @param sequence the expected sequence number
     * @return true when every character matches
     */
    boolean matches(String received, int connection, long sequence) {
        if (received.length() != size) {
            return false;
        }
        int header = Math.min(HEADER, size);
        for (int i = 0; i < header; i++) {
            if (received.charAt(i) != headerByte(i, connection, sequence)) {
                return false;
            }
        }
        return received.regionMatches(header, fillerText, header, size - header);
    }

    /**
     * Describes a received binary message for an error report.
     *
     * @param received the echo (not moved)
     * @return its length and first bytes
     */
    String describe(ByteBuffer received) {
        byte[] start = new byte[Math.min(received.remaining(), 40)];
        received.get(received.position(), start);
        return received.remaining() + " bytes starting " + new String(start, StandardCharsets.ISO_8859_1);
    }

    /**
     * Describes a received text message for an error report.
     *
     * @param received the echo
     * @return its length and first characters
     */
    String describe(String received) {
        return received.length() + " chars starting " + received.substring(0, Math.min(received.length(), 40));
    }

    private void writeHeader(byte[] message, int connection, long sequence) {
        for (int i = 0; i < Math.min(HEADER, size); i++) {
            message[i] = headerByte(i, connection, sequence);
        }
    }

    /** Byte {@code i} of the header: 8 hex digits of the connection, then 8 of the sequence. */
    private static byte headerByte(int i, int connection, long sequence) {
        long value = i < 8 ? connection : sequence;
        int shift = 4 * (7 - (i & 7));
        return HEX[(int) (value >>> shift) & 0xF];
    }
}
