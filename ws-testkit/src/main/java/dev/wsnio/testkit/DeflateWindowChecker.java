package dev.wsnio.testkit;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * A DEFLATE decoder written from RFC 1951 for tests, independent of zlib: it inflates the
 * messages of one direction of a permessage-deflate connection (each payload followed by
 * {@code 00 00 ff ff}, RFC 7692 §7.2.2) and checks every back-reference against the window the
 * sender promised (§7.1.2: with {@code *_max_window_bits=N} no reference may reach further back
 * than 2<sup>N</sup> bytes) and against what the sender may refer to at all (nothing before the
 * current message without context takeover). zlib's own inflater cannot do this: it always
 * accepts references up to its window, and the JDK's has 32 KiB.
 *
 * <p>Not fast (it decodes Huffman codes bit by bit, as RFC 1951 describes them), but a few
 * megabytes per second are plenty for tests.
 */
public final class DeflateWindowChecker {

    private static final int MAX_DISTANCE = 32 * 1024;
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF};
    /** §3.2.5: base lengths and extra bits of length codes 257..285. */
    private static final int[] LENGTH_BASE = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
        35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
    private static final int[] LENGTH_EXTRA = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
        3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
    /** §3.2.5: base distances and extra bits of distance codes 0..29. */
    private static final int[] DISTANCE_BASE = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
        257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
    private static final int[] DISTANCE_EXTRA = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
        7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};
    /** §3.2.7: the order in which code length code lengths are sent. */
    private static final int[] CODE_LENGTH_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
    private static final Huffman FIXED_LITERALS;
    private static final Huffman FIXED_DISTANCES;

    static {
        int[] lengths = new int[288];
        Arrays.fill(lengths, 0, 144, 8);
        Arrays.fill(lengths, 144, 256, 9);
        Arrays.fill(lengths, 256, 280, 7);
        Arrays.fill(lengths, 280, 288, 8);
        FIXED_LITERALS = new Huffman(lengths);
        int[] distances = new int[30];
        Arrays.fill(distances, 5);
        FIXED_DISTANCES = new Huffman(distances);
    }

    private final int window;
    private final byte[] history = new byte[MAX_DISTANCE];
    /** Bytes the sender may refer to: output since the history was last forgotten, capped. */
    private int available;
    private int historyEnd;
    private int largestDistance;

    // The input of the message being decoded.
    private byte[] input;
    private int inputPosition;
    private int bitBuffer;
    private int bitCount;
    private ByteArrayOutputStream output;

    /**
     * A checker for one direction of a connection.
     *
     * @param windowBits the window the sender promised, 8 to 15
     */
    public DeflateWindowChecker(int windowBits) {
        this.window = 1 << windowBits;
    }

    /**
     * Inflates one message and checks its references.
     *
     * @param payload the message's compressed payload (all its frames' payloads, joined)
     * @return the message
     * @throws AssertionError when the data is not valid DEFLATE, or a reference reaches beyond
     *     the window or before the data the sender may refer to
     */
    public byte[] inflateMessage(byte[] payload) {
        input = Arrays.copyOf(payload, payload.length + TAIL.length);
        System.arraycopy(TAIL, 0, input, payload.length, TAIL.length);
        inputPosition = 0;
        bitBuffer = 0;
        bitCount = 0;
        output = new ByteArrayOutputStream();
        boolean last = false;
        while (!last && inputPosition < input.length) {
            last = bits(1) == 1;
            int type = bits(2);
            switch (type) {
                case 0 -> storedBlock();
                case 1 -> codedBlock(FIXED_LITERALS, FIXED_DISTANCES);
                case 2 -> dynamicBlock();
                default -> throw new AssertionError("block type 3 is reserved (RFC 1951 §3.2.3)");
            }
        }
        if (inputPosition != input.length) {
            throw new AssertionError((input.length - inputPosition) + " bytes after a final block");
        }
        return output.toByteArray();
    }

    /** The sender starts afresh: the next message may not refer to anything before it. */
    public void forgetHistory() {
        available = 0;
    }

    /**
     * The longest distance of any back-reference seen so far.
     *
     * @return the distance in bytes, 0 when there was none
     */
    public int largestDistance() {
        return largestDistance;
    }

    private void storedBlock() {
        bitBuffer = 0; // §3.2.4: skip to the byte boundary
        bitCount = 0;
        if (inputPosition + 4 > input.length) {
            throw new AssertionError("stored block header cut short");
        }
        int length = (input[inputPosition] & 0xFF) | (input[inputPosition + 1] & 0xFF) << 8;
        int complement = (input[inputPosition + 2] & 0xFF) | (input[inputPosition + 3] & 0xFF) << 8;
        if ((length ^ 0xFFFF) != complement) {
            throw new AssertionError("stored block LEN and NLEN disagree");
        }
        inputPosition += 4;
        if (inputPosition + length > input.length) {
            throw new AssertionError("stored block longer than the input");
        }
        for (int i = 0; i < length; i++) {
            emit(input[inputPosition++]);
        }
    }

    private void dynamicBlock() {
        int literalCount = bits(5) + 257;
        int distanceCount = bits(5) + 1;
        int codeLengthCount = bits(4) + 4;
        int[] codeLengthLengths = new int[19];
        for (int i = 0; i < codeLengthCount; i++) {
            codeLengthLengths[CODE_LENGTH_ORDER[i]] = bits(3);
        }
        Huffman codeLengths = new Huffman(codeLengthLengths);
        int[] lengths = new int[literalCount + distanceCount];
        int i = 0;
        while (i < lengths.length) {
            int symbol = decode(codeLengths);
            if (symbol < 16) {
                lengths[i++] = symbol;
                continue;
            }
            int repeat;
            int value = 0;
            if (symbol == 16) {
                if (i == 0) {
                    throw new AssertionError("code length 16 with nothing to repeat");
                }
                value = lengths[i - 1];
                repeat = 3 + bits(2);
            } else if (symbol == 17) {
                repeat = 3 + bits(3);
            } else {
                repeat = 11 + bits(7);
            }
            if (i + repeat > lengths.length) {
                throw new AssertionError("code lengths overrun");
            }
            Arrays.fill(lengths, i, i + repeat, value);
            i += repeat;
        }
        if (lengths[256] == 0) {
            throw new AssertionError("no code for the end of the block");
        }
        codedBlock(new Huffman(Arrays.copyOf(lengths, literalCount)),
                new Huffman(Arrays.copyOfRange(lengths, literalCount, lengths.length)));
    }

    private void codedBlock(Huffman literals, Huffman distances) {
        while (true) {
            int symbol = decode(literals);
            if (symbol < 256) {
                emit((byte) symbol);
            } else if (symbol == 256) {
                return;
            } else {
                int code = symbol - 257;
                if (code >= LENGTH_BASE.length) {
                    throw new AssertionError("invalid length code " + symbol);
                }
                int length = LENGTH_BASE[code] + bits(LENGTH_EXTRA[code]);
                int distanceCode = decode(distances);
                if (distanceCode >= DISTANCE_BASE.length) {
                    throw new AssertionError("invalid distance code " + distanceCode);
                }
                int distance = DISTANCE_BASE[distanceCode] + bits(DISTANCE_EXTRA[distanceCode]);
                copy(distance, length);
            }
        }
    }

    private void copy(int distance, int length) {
        if (distance > window) {
            throw new AssertionError("a back-reference reaches " + distance + " bytes back, beyond the "
                    + window + "-byte window (RFC 7692 §7.1.2)");
        }
        if (distance > available) {
            throw new AssertionError("a back-reference reaches " + distance + " bytes back, but only "
                    + available + " bytes may be referred to (no context takeover, or the start of the stream)");
        }
        largestDistance = Math.max(largestDistance, distance);
        for (int i = 0; i < length; i++) {
            emit(history[(historyEnd - distance + MAX_DISTANCE) % MAX_DISTANCE]);
        }
    }

    private void emit(byte b) {
        output.write(b);
        history[historyEnd] = b;
        historyEnd = (historyEnd + 1) % MAX_DISTANCE;
        available = Math.min(MAX_DISTANCE, available + 1);
    }

    private int bits(int count) {
        while (bitCount < count) {
            if (inputPosition >= input.length) {
                throw new AssertionError("the compressed data ends inside a block");
            }
            bitBuffer |= (input[inputPosition++] & 0xFF) << bitCount;
            bitCount += 8;
        }
        int value = bitBuffer & ((1 << count) - 1);
        bitBuffer >>>= count;
        bitCount -= count;
        return value;
    }

    /** §3.2.2: a canonical Huffman code read bit by bit, most significant bit of the code first. */
    private int decode(Huffman code) {
        int value = 0;
        int first = 0;
        int index = 0;
        for (int length = 1; length <= Huffman.MAX_BITS; length++) {
            value |= bits(1);
            int count = code.counts[length];
            if (value - first < count) {
                return code.symbols[index + value - first];
            }
            index += count;
            first = (first + count) << 1;
            value <<= 1;
        }
        throw new AssertionError("no such Huffman code");
    }

    /** A canonical Huffman code given by its code lengths (§3.2.2). */
    private static final class Huffman {
        static final int MAX_BITS = 15;
        final int[] counts = new int[MAX_BITS + 1];
        final int[] symbols;

        Huffman(int[] lengths) {
            for (int length : lengths) {
                counts[length]++;
            }
            counts[0] = 0;
            int[] offsets = new int[MAX_BITS + 2];
            for (int length = 1; length <= MAX_BITS; length++) {
                offsets[length + 1] = offsets[length] + counts[length];
            }
            symbols = new int[lengths.length];
            for (int symbol = 0; symbol < lengths.length; symbol++) {
                if (lengths[symbol] != 0) {
                    symbols[offsets[lengths[symbol]]++] = symbol;
                }
            }
        }
    }
}
