package dev.wsnio.frame;

import java.nio.ByteBuffer;

/**
 * Turns frames into messages, RFC 6455 §5.4: a message is a text or binary frame followed by
 * zero or more continuation frames, the last with FIN set; control frames may arrive between
 * fragments and are passed on at once.
 *
 * <p>While assembling it enforces the sequence rules (no continuation without a message in
 * progress, no new message inside one), validates text as UTF-8 piece by piece so that an
 * invalid byte fails the connection as soon as it arrives (§8.1), decompresses messages marked
 * with RSV1 when an extension was negotiated (RFC 7692), and enforces the maximum message size
 * and fragment count before the bytes that would exceed them are held.
 *
 * <p>In {@link DeliveryMode#WHOLE_MESSAGES} a message that arrives as one frame inside one
 * input is passed on as a view of the input, without a copy; otherwise its pieces are gathered
 * in a buffer that is released as soon as the message is delivered, so that an idle connection
 * holds nothing.
 */
final class MessageAssembler implements FrameHandler, MessageCompression.DecompressedSink {

    /** Receives what the assembler produces. */
    interface Receiver {
        /**
         * A data message, or in streaming mode a piece of one.
         *
         * @param type text or binary
         * @param payload the bytes, valid only during the call (text is valid UTF-8, possibly
         *     split inside a character when streaming)
         * @param last whether this ends the message (always true for whole messages)
         * @throws WebSocketProtocolException to fail the connection
         */
        void onData(MessageType type, ByteBuffer payload, boolean last)
                throws WebSocketProtocolException;

        /**
         * A complete control frame.
         *
         * @param opcode close, ping or pong
         * @param payload the payload (at most 125 bytes), valid only during the call
         * @throws WebSocketProtocolException to fail the connection
         */
        void onControl(Opcode opcode, ByteBuffer payload) throws WebSocketProtocolException;
    }

    /** What the assembler awaits at the next data frame. */
    private enum State {
        /** A text or binary frame starting a message. */
        AWAITING_MESSAGE,
        /** A continuation frame of the message in progress. */
        AWAITING_CONTINUATION
    }

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final SessionConfig config;
    private final Receiver receiver;
    private final MessageCompression compression;
    private final Utf8Validator utf8 = new Utf8Validator();
    /** Where a whole text message in a direct buffer is copied before validation, or null. */
    private TextWorkspace textWorkspace;

    private State state = State.AWAITING_MESSAGE;

    // The message in progress.
    private MessageType messageType;
    private boolean compressed;
    private long messageSize;
    private int fragments;
    private byte[] gathered;
    private int gatheredLength;

    // The frame in progress.
    private Opcode frameOpcode;
    private boolean frameFin;
    private long frameLength;
    private long frameReceived;
    private boolean frameDelivered;
    private byte[] controlPayload;

    /** Whether a fragmented message has begun and not ended (§5.4). */
    boolean isInsideMessage() {
        return state == State.AWAITING_CONTINUATION;
    }

    MessageAssembler(SessionConfig config, MessageCompression compression, Receiver receiver) {
        this.config = config;
        this.compression = compression;
        this.receiver = receiver;
    }

    @Override
    public void onFrameHeader(boolean fin, int rsv, Opcode opcode, long payloadLength)
            throws WebSocketProtocolException {
        frameOpcode = opcode;
        frameFin = fin;
        frameLength = payloadLength;
        frameReceived = 0;
        frameDelivered = false;
        if (opcode.isControl()) {
            return;
        }
        switch (state) {
            case AWAITING_MESSAGE -> {
                if (opcode == Opcode.CONTINUATION) {
                    throw new WebSocketProtocolException(ProtocolError.UNEXPECTED_CONTINUATION,
                            "continuation frame without a message in progress");
                }
                messageType = opcode == Opcode.TEXT ? MessageType.TEXT : MessageType.BINARY;
                compressed = (rsv & FrameHeader.RSV1) != 0;
                messageSize = 0;
                fragments = 0;
                utf8.reset();
                state = State.AWAITING_CONTINUATION;
            }
            case AWAITING_CONTINUATION -> {
                if (opcode != Opcode.CONTINUATION) {
                    throw new WebSocketProtocolException(ProtocolError.EXPECTED_CONTINUATION,
                            opcode + " frame inside a fragmented " + messageType + " message");
                }
            }
        }
        if (++fragments > config.maxFragmentsPerMessage()) {
            throw new WebSocketProtocolException(ProtocolError.TOO_MANY_FRAGMENTS,
                    "message in more than maxFragmentsPerMessage ("
                            + config.maxFragmentsPerMessage() + ") frames; raise maxFragmentsPerMessage");
        }
        if (!compressed) {
            // The decoder may let frames up to the compressed bound through (see WebSocketSession).
            if (payloadLength > config.maxFrameSize()) {
                throw new WebSocketProtocolException(ProtocolError.FRAME_TOO_BIG,
                        "frame of " + payloadLength + " bytes exceeds maxFrameSize (" + config.maxFrameSize()
                                + "); raise maxFrameSize to accept it");
            }
            checkMessageSize(messageSize + payloadLength);
        }
    }

    @Override
    public void onFramePayload(ByteBuffer payload) throws WebSocketProtocolException {
        int length = payload.remaining();
        boolean completesFrame = frameReceived + length == frameLength;
        boolean wholeFrameHere = frameReceived == 0 && completesFrame;
        frameReceived += length;
        if (frameOpcode.isControl()) {
            if (wholeFrameHere) {
                frameDelivered = true;
                receiver.onControl(frameOpcode, payload);
            } else {
                gatherControl(payload);
            }
        } else if (compressed) {
            compression.decompress(payload, this);
        } else {
            boolean wholeMessageHere = wholeFrameHere && frameFin && fragments == 1;
            acceptPlain(payload, frameFin && completesFrame, wholeMessageHere);
        }
    }

    @Override
    public void onFrameEnd() throws WebSocketProtocolException {
        if (frameOpcode.isControl()) {
            if (!frameDelivered) {
                ByteBuffer payload = frameLength == 0 ? EMPTY
                        : ByteBuffer.wrap(controlPayload, 0, (int) frameLength);
                controlPayload = null;
                receiver.onControl(frameOpcode, payload);
            }
            return;
        }
        if (!frameFin) {
            return;
        }
        if (compressed) {
            compression.finishMessage(this);
            endMessage();
        } else if (!frameDelivered) {
            endMessage(); // an empty final frame, or a message gathered from pieces
        }
        state = State.AWAITING_MESSAGE;
    }

    /** Decompressed bytes of the message in progress. */
    @Override
    public void accept(ByteBuffer decompressed) throws WebSocketProtocolException {
        checkMessageSize(messageSize + decompressed.remaining());
        acceptPlain(decompressed, false, false);
    }

    /**
     * Takes a piece of (uncompressed) message data: counts it, validates it, and delivers it or
     * gathers it.
     *
     * @param piece the bytes
     * @param endsMessage whether the message ends with this piece
     * @param wholeMessage whether the piece is the entire message (delivered without a copy)
     */
    /**
     * Lends a workspace that whole text messages arriving in direct buffers are copied into, to
     * be validated and delivered from the heap (see {@link TextWorkspace}); whole-message
     * delivery only (streamed pieces are lent where they are).
     */
    void receiveTextInto(TextWorkspace workspace) {
        this.textWorkspace = workspace;
    }

    private void acceptPlain(ByteBuffer received, boolean endsMessage, boolean wholeMessage)
            throws WebSocketProtocolException {
        ByteBuffer piece = received;
        if (wholeMessage && messageType == MessageType.TEXT && textWorkspace != null && !received.hasArray()
                && config.deliveryMode() == DeliveryMode.WHOLE_MESSAGES && textWorkspace.fits(received.remaining())) {
            piece = textWorkspace.copy(received);
        }
        messageSize += piece.remaining();
        boolean gathering = config.deliveryMode() == DeliveryMode.WHOLE_MESSAGES && !wholeMessage;
        if (gathering) {
            // Copied first, then validated in the array: the validator's fastest input.
            int from = gatheredLength;
            gather(piece);
            checkText(messageType == MessageType.TEXT && !utf8.feed(gathered, from, gatheredLength));
            if (endsMessage) {
                endMessage();
                frameDelivered = true;
            }
            return;
        }
        checkText(messageType == MessageType.TEXT && !utf8.feed(piece));
        if (config.deliveryMode() == DeliveryMode.STREAMING) {
            if (endsMessage) {
                checkTextComplete();
                frameDelivered = true;
            }
            receiver.onData(messageType, piece, endsMessage);
        } else {
            checkTextComplete();
            frameDelivered = true;
            receiver.onData(messageType, piece, true); // a whole message
        }
    }

    private void checkText(boolean invalid) throws WebSocketProtocolException {
        if (invalid) {
            throw new WebSocketProtocolException(ProtocolError.INVALID_UTF8,
                    "text message is not valid UTF-8 (detected at byte " + messageSize + " or before)");
        }
    }

    /** Delivers the end of a message: the gathered bytes, or an empty last piece when streaming. */
    private void endMessage() throws WebSocketProtocolException {
        checkTextComplete();
        if (config.deliveryMode() == DeliveryMode.STREAMING) {
            receiver.onData(messageType, EMPTY, true);
            return;
        }
        ByteBuffer message = gathered == null ? EMPTY
                : ByteBuffer.wrap(gathered, 0, gatheredLength);
        gathered = null;
        gatheredLength = 0;
        receiver.onData(messageType, message, true);
    }

    private void checkTextComplete() throws WebSocketProtocolException {
        if (messageType == MessageType.TEXT && !utf8.isComplete()) {
            throw new WebSocketProtocolException(ProtocolError.INVALID_UTF8,
                    "text message ends inside a UTF-8 sequence");
        }
    }

    private void checkMessageSize(long size) throws WebSocketProtocolException {
        if (size > config.maxMessageSize()) {
            throw new WebSocketProtocolException(ProtocolError.MESSAGE_TOO_BIG,
                    "message of more than maxMessageSize (" + config.maxMessageSize()
                            + ") bytes; raise maxMessageSize to accept it");
        }
    }

    private void gather(ByteBuffer piece) {
        int length = piece.remaining();
        int needed = gatheredLength + length;
        if (gathered == null || needed > gathered.length) {
            // Grow with what has arrived (doubling), never past the end of this frame when its
            // length is known. Not the whole announced frame at once: a peer that announces a
            // large frame and sends one byte must not make us reserve it all (RFC 6455 §10.4).
            long restOfFrame = compressed ? 0 : frameLength - frameReceived;
            long doubled = Math.max(needed, gathered == null ? Math.max(256, 2L * needed) : 2L * gathered.length);
            long wanted = restOfFrame > 0 ? Math.min(doubled, needed + restOfFrame) : doubled;
            int capacity = (int) Math.max(needed, Math.min(wanted, config.maxMessageSize()));
            byte[] larger = new byte[capacity];
            if (gathered != null) {
                System.arraycopy(gathered, 0, larger, 0, gatheredLength);
            }
            gathered = larger;
        }
        piece.get(piece.position(), gathered, gatheredLength, length);
        gatheredLength = needed;
    }

    private void gatherControl(ByteBuffer piece) {
        if (controlPayload == null) {
            controlPayload = new byte[FrameHeader.MAX_7_BIT_LENGTH];
        }
        int offset = (int) (frameReceived - piece.remaining());
        piece.get(piece.position(), controlPayload, offset, piece.remaining());
    }
}
