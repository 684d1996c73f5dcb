package dev.wsnio.frame;

/**
 * The frame opcodes defined by RFC 6455 §5.2 (and §11.8, the opcode registry).
 *
 * <p>Opcodes {@code 0x3}–{@code 0x7} are reserved for further non-control frames and
 * {@code 0xB}–{@code 0xF} for further control frames; receiving one of them fails the
 * connection with {@link CloseCode#PROTOCOL_ERROR}, so they have no constant here.
 */
public enum Opcode {
    /** {@code 0x0}: a continuation of the message started by a text or binary frame. */
    CONTINUATION(0x0),
    /** {@code 0x1}: the first frame of a text message (UTF-8 payload). */
    TEXT(0x1),
    /** {@code 0x2}: the first frame of a binary message. */
    BINARY(0x2),
    /** {@code 0x8}: a close frame, §5.5.1. */
    CLOSE(0x8),
    /** {@code 0x9}: a ping, §5.5.2. */
    PING(0x9),
    /** {@code 0xA}: a pong, §5.5.3. */
    PONG(0xA);

    private static final Opcode[] BY_CODE = new Opcode[16];

    static {
        for (Opcode opcode : values()) {
            BY_CODE[opcode.code] = opcode;
        }
    }

    private final int code;

    Opcode(int code) {
        this.code = code;
    }

    /**
     * The 4-bit value of this opcode on the wire.
     *
     * @return {@code 0x0} to {@code 0xF}
     */
    public int code() {
        return code;
    }

    /**
     * Whether this is a control frame opcode: §5.5 says control frames are those whose
     * opcode has the most significant bit set ({@code 0x8}–{@code 0xF}).
     *
     * @return true for close, ping and pong
     */
    public boolean isControl() {
        return (code & 0x8) != 0;
    }

    /**
     * The opcode for a 4-bit wire value, or {@code null} when the value is reserved.
     *
     * @param code the low four bits of the first header byte
     * @return the opcode, or {@code null} for the reserved values 3–7 and 11–15
     */
    public static Opcode fromCode(int code) {
        return BY_CODE[code & 0xF];
    }
}
