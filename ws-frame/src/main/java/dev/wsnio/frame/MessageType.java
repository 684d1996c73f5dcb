package dev.wsnio.frame;

/** The two kinds of data message, RFC 6455 §5.6. */
public enum MessageType {
    /** UTF-8 text (opcode {@code 0x1}); validated on receipt (§8.1). */
    TEXT(Opcode.TEXT),
    /** Arbitrary bytes (opcode {@code 0x2}). */
    BINARY(Opcode.BINARY);

    private final Opcode opcode;

    MessageType(Opcode opcode) {
        this.opcode = opcode;
    }

    /**
     * The opcode of a message's first frame.
     *
     * @return {@link Opcode#TEXT} or {@link Opcode#BINARY}
     */
    public Opcode opcode() {
        return opcode;
    }
}
