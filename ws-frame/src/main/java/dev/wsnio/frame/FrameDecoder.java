package dev.wsnio.frame;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * An incremental decoder of WebSocket frames (RFC 6455 §5.2), for either end of a connection.
 *
 * <p>It is a resumable function of its state and the bytes it is given: {@link #decode} consumes
 * whatever input it has, hands frame headers and payload slices to a {@link FrameHandler} as
 * soon as they are complete or available, and returns when the input is used up. Any split of
 * the input works, down to one byte at a time. Payload is never copied: it is unmasked in place
 * in the input buffer and handed on as a view, so a frame of any size passes through in slices
 * no bigger than the reads that brought it. Only a header split between two inputs is kept,
 * in a 14-byte array.
 *
 * <p>Every rule of §5.2 is checked from the header, before any payload is accepted: reserved
 * bits that no extension negotiated, reserved opcodes, the masking direction (§5.1), control
 * frames longer than 125 bytes or fragmented (§5.5), a 64-bit length with its top bit set,
 * and the configured maximum frame size. A violation throws a
 * {@link WebSocketProtocolException}; from then on the decoder discards all input.
 *
 * <p>Not thread-safe: a decoder belongs to one connection.
 */
public final class FrameDecoder {

    /** What the decoder awaits next. */
    private enum State {
        /** The first bytes of a frame header (or the rest of one split between inputs). */
        AWAITING_HEADER,
        /** More payload bytes of the current frame. */
        AWAITING_PAYLOAD,
        /** Nothing: a violation was found (or decoding was stopped), all input is discarded. */
        FAILED
    }

    private final Role role;
    private final long maxFrameSize;
    private int allowedRsv;
    private FrameTap tap = FrameTap.NONE;

    private State state = State.AWAITING_HEADER;
    /** Bytes of a header split between inputs; allocated the first time that happens. */
    private byte[] partialHeader;
    private int partialHeaderLength;

    // The current frame.
    private boolean masked;
    private int maskKey;
    private long payloadRemaining;
    private long payloadOffset;

    /**
     * Creates a decoder.
     *
     * @param role which end this decoder works for: a {@link Role#SERVER} requires masked frames,
     *     a {@link Role#CLIENT} rejects them
     * @param maxFrameSize the largest payload accepted in one frame; a larger announced length
     *     fails with {@link ProtocolError#FRAME_TOO_BIG} before its payload arrives
     */
    public FrameDecoder(Role role, long maxFrameSize) {
        if (maxFrameSize < FrameHeader.MAX_7_BIT_LENGTH) {
            throw new IllegalArgumentException("maxFrameSize must be at least 125 (control frames)");
        }
        this.role = role;
        this.maxFrameSize = maxFrameSize;
    }

    /**
     * Allows reserved bits that a negotiated extension defines (§5.2: "MUST be 0 unless an
     * extension is negotiated that defines meanings for non-zero values"). permessage-deflate
     * allows {@link FrameHeader#RSV1}, and only on the first frame of a data message (RFC 7692
     * §6); this decoder enforces that placement for RSV1.
     *
     * @param rsvBits a combination of {@link FrameHeader#RSV1}, {@code RSV2}, {@code RSV3}
     */
    public void allowReservedBits(int rsvBits) {
        this.allowedRsv = rsvBits & (FrameHeader.RSV1 | FrameHeader.RSV2 | FrameHeader.RSV3);
    }

    /**
     * Shows the frames this decoder reads to a tap, from the next header or payload slice on;
     * calls its {@link FrameTap#onAttached} first.
     *
     * @param tap the tap, or {@link FrameTap#NONE} (the default) to show them to nobody
     */
    public void tap(FrameTap tap) {
        this.tap = Objects.requireNonNull(tap);
        if (tap != FrameTap.NONE) {
            tap.onAttached();
        }
    }

    /**
     * Decodes as much of the input as possible, handing what it finds to the handler. On return
     * the input has been consumed entirely: a partial header is kept inside the decoder and a
     * partial payload was handed on.
     *
     * @param input bytes received from the peer; masked payload is unmasked in place, so the
     *     buffer must be writable when frames are masked
     * @param handler receives headers, payload slices and frame ends
     * @throws WebSocketProtocolException on the first violation; the decoder then discards all
     *     further input
     */
    public void decode(ByteBuffer input, FrameHandler handler) throws WebSocketProtocolException {
        try {
            while (input.hasRemaining()) {
                switch (state) {
                    case AWAITING_HEADER -> {
                        if (!readHeader(input, handler)) {
                            return;
                        }
                    }
                    case AWAITING_PAYLOAD -> readPayload(input, handler);
                    case FAILED -> input.position(input.limit());
                }
            }
        } catch (WebSocketProtocolException | RuntimeException e) {
            fail(input);
            throw e;
        }
    }

    /**
     * Whether the decoder is between frames (no partial header or payload pending).
     *
     * @return true when the next byte would start a new frame
     */
    public boolean isAtFrameBoundary() {
        return state == State.AWAITING_HEADER && partialHeaderLength == 0;
    }

    /**
     * Whether a violation was found, after which all input is discarded.
     *
     * @return true once a violation was found (or decoding was stopped)
     */
    public boolean hasFailed() {
        return state == State.FAILED;
    }

    /**
     * Stops decoding: the rest of the current input and all later input are discarded. A
     * session calls this once the peer's close frame arrived (§5.5.1: nothing after it counts).
     */
    public void discardRemainingInput() {
        state = State.FAILED;
    }

    private void fail(ByteBuffer input) {
        state = State.FAILED;
        input.position(input.limit());
    }

    /**
     * Reads a header from the input, directly when it is all there, through the partial-header
     * array otherwise.
     *
     * @return false when more bytes are needed
     */
    private boolean readHeader(ByteBuffer input, FrameHandler handler)
            throws WebSocketProtocolException {
        if (partialHeaderLength == 0 && input.remaining() >= 2) {
            int position = input.position();
            int headerLength = headerLength(input.get(position + 1));
            if (input.remaining() >= headerLength) {
                input.position(position + headerLength);
                acceptHeader(input, position, handler);
                return true;
            }
        }
        // The header is split between inputs: gather it in the partial-header array.
        if (partialHeader == null) {
            partialHeader = new byte[FrameHeader.MAX_LENGTH];
        }
        int needed = partialHeaderLength < 2 ? 2 : headerLength(partialHeader[1]);
        while (partialHeaderLength < needed && input.hasRemaining()) {
            partialHeader[partialHeaderLength++] = input.get();
            if (partialHeaderLength == 2) {
                needed = headerLength(partialHeader[1]);
            }
        }
        if (partialHeaderLength < needed) {
            return false;
        }
        partialHeaderLength = 0;
        acceptHeader(ByteBuffer.wrap(partialHeader), 0, handler);
        return true;
    }

    /** The whole header's length, known from its second byte (§5.2). */
    private static int headerLength(byte second) {
        int length7 = second & 0x7F;
        int lengthBytes = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
        return 2 + lengthBytes + ((second & FrameHeader.MASK) != 0 ? 4 : 0);
    }

    /** Parses and validates a complete header starting at {@code at}. */
    private void acceptHeader(ByteBuffer source, int at, FrameHandler handler)
            throws WebSocketProtocolException {
        int first = source.get(at) & 0xFF;
        int second = source.get(at + 1) & 0xFF;
        boolean fin = (first & FrameHeader.FIN) != 0;
        int rsv = first & (FrameHeader.RSV1 | FrameHeader.RSV2 | FrameHeader.RSV3);
        Opcode opcode = Opcode.fromCode(first);
        masked = (second & FrameHeader.MASK) != 0;

        int length7 = second & 0x7F;
        long length;
        int next = at + 2;
        if (length7 == 126) {
            length = (source.get(next) & 0xFF) << 8 | (source.get(next + 1) & 0xFF);
            next += 2;
        } else if (length7 == 127) {
            length = 0;
            for (int i = 0; i < 8; i++) {
                length = length << 8 | (source.get(next + i) & 0xFF);
            }
            next += 8;
        } else {
            length = length7;
        }
        if (masked) {
            maskKey = (source.get(next) & 0xFF) << 24 | (source.get(next + 1) & 0xFF) << 16
                    | (source.get(next + 2) & 0xFF) << 8 | (source.get(next + 3) & 0xFF);
        }

        validate(fin, rsv, opcode, first & 0x0F, length);
        payloadRemaining = length;
        payloadOffset = 0;
        if (tap != FrameTap.NONE) {
            tap.onFrameHeader(FrameTap.Direction.RECEIVED, new FrameHeader(fin, rsv, opcode, masked, maskKey, length),
                    source.slice(at, next + (masked ? 4 : 0) - at).asReadOnlyBuffer());
        }
        handler.onFrameHeader(fin, rsv, opcode, length);
        if (length == 0) {
            handler.onFrameEnd();
        } else {
            state = State.AWAITING_PAYLOAD;
        }
    }

    /** The checks of §5.1, §5.2 and §5.5 that a header alone decides. */
    private void validate(boolean fin, int rsv, Opcode opcode, int rawOpcode, long length)
            throws WebSocketProtocolException {
        if ((rsv & ~allowedRsv) != 0) {
            throw new WebSocketProtocolException(ProtocolError.RESERVED_BITS_SET,
                    "frame has reserved bits 0x" + Integer.toHexString(rsv >> 4)
                            + " set and no extension negotiated them");
        }
        if (opcode == null) {
            throw new WebSocketProtocolException(ProtocolError.RESERVED_OPCODE,
                    "frame has reserved opcode 0x" + Integer.toHexString(rawOpcode));
        }
        if ((rsv & FrameHeader.RSV1) != 0
                && (opcode.isControl() || opcode == Opcode.CONTINUATION)) {
            throw new WebSocketProtocolException(ProtocolError.COMPRESSED_BIT_MISPLACED,
                    "RSV1 set on a " + opcode + " frame; it may only mark a message's first frame");
        }
        if (role.expectsMaskedIncoming() && !masked) {
            throw new WebSocketProtocolException(ProtocolError.UNMASKED_CLIENT_FRAME,
                    "a client sent an unmasked " + opcode + " frame");
        }
        if (!role.expectsMaskedIncoming() && masked) {
            throw new WebSocketProtocolException(ProtocolError.MASKED_SERVER_FRAME,
                    "a server sent a masked " + opcode + " frame");
        }
        if (length < 0) {
            throw new WebSocketProtocolException(ProtocolError.LENGTH_TOP_BIT_SET,
                    "64-bit payload length has its most significant bit set");
        }
        if (opcode.isControl()) {
            if (!fin) {
                throw new WebSocketProtocolException(ProtocolError.FRAGMENTED_CONTROL_FRAME,
                        opcode + " frame without FIN");
            }
            if (length > FrameHeader.MAX_7_BIT_LENGTH) {
                throw new WebSocketProtocolException(ProtocolError.CONTROL_FRAME_TOO_LONG,
                        opcode + " frame of " + length + " bytes (at most 125 allowed)");
            }
        } else if (length > maxFrameSize) {
            throw new WebSocketProtocolException(ProtocolError.FRAME_TOO_BIG,
                    "frame of " + length + " bytes exceeds maxFrameSize (" + maxFrameSize
                            + "); raise maxFrameSize to accept it");
        }
    }

    /** Hands on as much of the current payload as the input holds, unmasked in place. */
    private void readPayload(ByteBuffer input, FrameHandler handler)
            throws WebSocketProtocolException {
        int start = input.position();
        int count = (int) Math.min(payloadRemaining, input.remaining());
        int end = start + count;
        int limit = input.limit();
        input.limit(end);
        try {
            if (masked) {
                if (tap != FrameTap.NONE) {
                    tap.onPayloadBeforeUnmasking(input.asReadOnlyBuffer());
                }
                Masking.maskInPlace(input, start, count, maskKey, payloadOffset);
            }
            if (tap != FrameTap.NONE) {
                tap.onFramePayload(FrameTap.Direction.RECEIVED, input.asReadOnlyBuffer());
            }
            handler.onFramePayload(input);
        } finally {
            input.limit(limit);
            input.position(end);
        }
        payloadRemaining -= count;
        payloadOffset += count;
        if (payloadRemaining == 0 && state == State.AWAITING_PAYLOAD) {
            state = State.AWAITING_HEADER;
            handler.onFrameEnd();
        }
    }
}
