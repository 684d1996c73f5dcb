package dev.wsnio.benchmarks.codec;

import dev.wsnio.frame.Opcode;
import java.util.SplittableRandom;

/** The two kinds of data message a benchmark sends: text (as UTF-8) or binary. */
public enum PayloadKind {

    /** A text message: {@link TextSample#MIXED}, a JSON-like message with Chinese text. */
    TEXT(Opcode.TEXT),
    /** A binary message: pseudo-random bytes from a fixed seed. */
    BINARY(Opcode.BINARY);

    private static final long SEED = 0x5EED_CAFEL;

    private final Opcode opcode;

    PayloadKind(Opcode opcode) {
        this.opcode = opcode;
    }

    /**
     * The opcode of a frame carrying this kind of message.
     *
     * @return text or binary
     */
    public Opcode opcode() {
        return opcode;
    }

    /**
     * A payload of this kind, the same bytes on every call.
     *
     * @param size its length in bytes
     * @return the payload
     */
    public byte[] payload(int size) {
        if (this == TEXT) {
            return TextSample.MIXED.utf8(size);
        }
        byte[] bytes = new byte[size];
        new SplittableRandom(SEED).nextBytes(bytes);
        return bytes;
    }
}
