package dev.wsnio.frame;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One WebSocket connection after its opening handshake, as a state machine without I/O
 * (in the style of the protocol objects of Python's {@code websockets} and {@code wsproto}).
 *
 * <p>The transport feeds it what it reads ({@link #receive}) and the end of the stream
 * ({@link #receiveEndOfStream}); the session hands events to a {@link SessionListener} and the
 * frames it wants sent to a {@link FrameSink}. The application's sends go through it too
 * ({@link #sendMessage}, {@link #sendPing}, {@link #close}), so that one object knows what may
 * still be sent. Events and frames are pushed rather than queued for the caller to take: that
 * keeps the steady path free of per-event objects.
 *
 * <p>What it does by itself, as RFC 6455 requires:
 * <ul>
 *   <li>answers every ping with a pong carrying the same data (§5.5.2) while open;</li>
 *   <li>answers a close frame with a close frame echoing the status code (§5.5.1) and then
 *       sends nothing more and processes nothing more;</li>
 *   <li>fails the connection on any violation (§7.1.7): sends a close frame with the error's
 *       code (if it has not sent one), reports the error, and discards all further input.</li>
 * </ul>
 * See {@link SessionState} for the states. {@link #shouldCloseTransport()} tells the transport
 * when the TCP connection is to be closed.
 *
 * <p>Not thread-safe: the transport calls it from the connection's event loop only.
 */
public final class WebSocketSession implements MessageAssembler.Receiver {

    private final Role role;
    private final SessionListener listener;
    private final FrameSink sink;
    private final MaskKeyGenerator maskKeys;
    private final MessageCompression compression;
    private final FrameDecoder decoder;
    private final MessageAssembler assembler;
    /** Scratch space for one header at a time, made on the first send; the sink copies it. */
    private ByteBuffer header;
    /** The masking key of the header last written (0 for a server). */
    private int lastMaskKey;
    private FrameTap tap = FrameTap.NONE;

    private SessionState state = SessionState.OPEN;
    /** The type of the fragmented message being sent, or null when none is. */
    private MessageType sendingFragmented;
    private CloseBody closeSent;
    private CloseBody closeReceived;
    private WebSocketProtocolException failure;
    /** Whether the peer closed its side of the TCP connection. */
    private boolean endOfStream;

    /**
     * Creates a session for a connection whose opening handshake just completed.
     *
     * @param role which end of the connection this is
     * @param config limits and delivery mode
     * @param compression the negotiated permessage-deflate state, or null when none was agreed
     * @param maskKeys the source of masking keys, required for a client, ignored for a server
     * @param listener receives events
     * @param sink receives frames to send
     */
    public WebSocketSession(Role role, SessionConfig config, MessageCompression compression,
                            MaskKeyGenerator maskKeys, SessionListener listener, FrameSink sink) {
        if (role.masksOutgoing() && maskKeys == null) {
            throw new IllegalArgumentException("a client session needs a MaskKeyGenerator");
        }
        this.role = role;
        this.listener = listener;
        this.sink = sink;
        this.maskKeys = maskKeys;
        this.compression = compression;
        // A compressed frame may be larger than the data it carries: it is held to the
        // compressor's worst case for maxFrameSize bytes (the assembler holds uncompressed frames
        // to maxFrameSize itself), so that any message within the limits can arrive compressed.
        this.decoder = new FrameDecoder(role, compression == null ? config.maxFrameSize()
                : Math.max(config.maxFrameSize(), compression.maxCompressedSize(config.maxFrameSize())));
        if (compression != null) {
            decoder.allowReservedBits(FrameHeader.RSV1); // RFC 7692 §6: the "Per-Message Compressed" bit
        }
        this.assembler = new MessageAssembler(config, compression, this);
    }

    /**
     * Shows this session's frames, both ways, to a tap from now on (see {@link FrameTap}).
     *
     * @param tap the tap, or {@link FrameTap#NONE} (the default) to stop showing them
     */
    public void tap(FrameTap tap) {
        this.tap = Objects.requireNonNull(tap);
        decoder.tap(tap); // calls onAttached: both ways are shown from here on
    }

    /**
     * Lends a workspace into which whole text messages that arrive in direct buffers are copied,
     * to be validated and delivered from the heap: for a transport that reads into direct buffers
     * and turns text into strings (see {@link TextWorkspace}). Without one, text is validated
     * and delivered where it arrived.
     *
     * @param workspace the workspace of the thread that calls {@link #receive}
     */
    public void receiveTextInto(TextWorkspace workspace) {
        assembler.receiveTextInto(workspace);
    }

    // ---------------------------------------------------------------- input

    /**
     * Processes bytes received from the peer. Events reach the listener during this call.
     * After the connection closed or failed, input is ignored.
     *
     * @param input the received bytes; consumed entirely (masked payload is unmasked in place)
     */
    public void receive(ByteBuffer input) {
        if (state == SessionState.CLOSED) {
            input.position(input.limit());
            return;
        }
        try {
            decoder.decode(input, assembler);
        } catch (WebSocketProtocolException e) {
            fail(e);
        } catch (RuntimeException e) {
            // The listener failed: §7.4.1's 1011, "an unexpected condition", then let it surface.
            if (state == SessionState.OPEN) {
                CloseBody body = new CloseBody(CloseCode.INTERNAL_ERROR, "");
                sendControl(Opcode.CLOSE, body.encode());
                closeSent = body;
            }
            enterClosed();
            throw e;
        }
    }

    /**
     * The peer closed its side of the TCP connection. If the closing handshake had not
     * completed, the connection closed abnormally (reported as {@link CloseCode#ABNORMAL_CLOSURE}
     * by {@link #closeCode()}).
     */
    public void receiveEndOfStream() {
        endOfStream = true;
        enterClosed();
    }

    @Override
    public void onData(MessageType type, ByteBuffer payload, boolean last) {
        if (tap != FrameTap.NONE) {
            tap.onMessageData(FrameTap.Direction.RECEIVED, type, payload.asReadOnlyBuffer(), last);
        }
        listener.onMessage(type, payload, last);
    }

    @Override
    public void onControl(Opcode opcode, ByteBuffer payload) throws WebSocketProtocolException {
        switch (opcode) {
            case PING -> {
                if (state == SessionState.OPEN) {
                    sendControl(Opcode.PONG, copy(payload)); // §5.5.2: same application data
                }
                listener.onPing(payload);
            }
            case PONG -> listener.onPong(payload);
            case CLOSE -> receiveClose(CloseBody.parse(payload));
            default -> throw new IllegalStateException("not a control opcode: " + opcode);
        }
    }

    /** §5.5.1 and §7.1.2–§7.1.3: the peer's close frame. */
    private void receiveClose(CloseBody body) {
        closeReceived = body;
        if (state == SessionState.OPEN) {
            // Answer with the same status code; no reason needs echoing.
            CloseBody answer = body.isEmpty() ? CloseBody.EMPTY : new CloseBody(body.code(), "");
            sendControl(Opcode.CLOSE, answer.encode());
            closeSent = answer;
        }
        enterClosed();
        decoder.discardRemainingInput();
        listener.onCloseReceived(body);
    }

    /** §7.1.7: Fail the WebSocket Connection. */
    private void fail(WebSocketProtocolException error) {
        failure = error;
        if (state == SessionState.OPEN) {
            CloseBody body = new CloseBody(error.closeCode(), error.error().reason());
            sendControl(Opcode.CLOSE, body.encode());
            closeSent = body;
        }
        enterClosed();
        listener.onProtocolError(error);
    }

    // ---------------------------------------------------------------- output

    /**
     * Sends a whole message in one frame, compressed when an extension was negotiated and it
     * chooses to (a compressed payload goes to {@link FrameSink#sendFrameWithLentPayload}).
     *
     * @param type text or binary
     * @param payload the message (text as UTF-8) between position and limit; it must not change
     *     until the transport has written it; its position is left as it was
     * @throws IllegalStateException when the session is not open or a fragmented message is
     *     being sent
     */
    public void sendMessage(MessageType type, ByteBuffer payload) {
        requireOpenForData();
        if (sendingFragmented != null) {
            throw new IllegalStateException("a fragmented message is being sent; finish it first");
        }
        ByteBuffer message = tap == FrameTap.NONE ? null : payload.asReadOnlyBuffer();
        ByteBuffer compressed = null;
        if (compression != null && compression.shouldCompress(type, payload.remaining())) {
            int start = payload.position();
            compressed = compression.compress(payload);
            payload.position(start); // the caller's buffer, which the transport may not have copied
        }
        if (compressed != null) {
            writeHeader(true, FrameHeader.RSV1, type.opcode(), compressed);
            sink.sendFrameWithLentPayload(header, compressed, role.masksOutgoing(), lastMaskKey);
        } else {
            sendFrame(true, 0, type.opcode(), payload);
        }
        if (message != null) {
            tap.onMessageData(FrameTap.Direction.SENT, type, message, true);
        }
    }

    /**
     * Sends one fragment of a message (§5.4): the first with the message's opcode, the others
     * as continuation frames, the last with FIN. Control frames may be sent between fragments;
     * another message may not. Fragmented messages are sent uncompressed.
     *
     * @param type text or binary; must be the same for every fragment of a message
     * @param payload this fragment's bytes (for text, fragments may split a character)
     * @param last whether this fragment ends the message
     * @throws IllegalStateException when the session is not open, or the type changes
     */
    public void sendFragment(MessageType type, ByteBuffer payload, boolean last) {
        requireOpenForData();
        Opcode opcode;
        if (sendingFragmented == null) {
            opcode = type.opcode();
        } else if (sendingFragmented == type) {
            opcode = Opcode.CONTINUATION;
        } else {
            throw new IllegalStateException("a fragmented " + sendingFragmented
                    + " message is being sent; its fragments cannot be " + type);
        }
        sendingFragmented = last ? null : type;
        ByteBuffer fragment = tap == FrameTap.NONE ? null : payload.asReadOnlyBuffer();
        sendFrame(last, 0, opcode, payload);
        if (fragment != null) {
            tap.onMessageData(FrameTap.Direction.SENT, type, fragment, last);
        }
    }

    /**
     * Sends a ping (§5.5.2); the peer answers with a pong carrying the same data.
     *
     * @param applicationData at most 125 bytes between position and limit (copied)
     * @throws IllegalStateException when the session is not open
     * @throws IllegalArgumentException when the data is longer than 125 bytes
     */
    public void sendPing(ByteBuffer applicationData) {
        requireOpenForData();
        sendControl(Opcode.PING, checkedControlPayload(applicationData));
    }

    /**
     * Sends an unsolicited pong (§5.5.3), which the peer takes as a heartbeat.
     *
     * @param applicationData at most 125 bytes between position and limit (copied)
     * @throws IllegalStateException when the session is not open
     * @throws IllegalArgumentException when the data is longer than 125 bytes
     */
    public void sendPong(ByteBuffer applicationData) {
        requireOpenForData();
        sendControl(Opcode.PONG, checkedControlPayload(applicationData));
    }

    /**
     * Starts the closing handshake (§7.1.2) by sending a close frame. Nothing more can be sent
     * afterwards; the peer's messages still arrive until its close frame does. Does nothing if a
     * close frame was already sent or received.
     *
     * @param body the status code and reason ({@link CloseBody#EMPTY} for none)
     * @return whether a close frame was sent
     */
    public boolean close(CloseBody body) {
        if (state != SessionState.OPEN) {
            return false;
        }
        sendControl(Opcode.CLOSE, body.encode());
        closeSent = body;
        state = SessionState.CLOSING;
        return true;
    }

    private void requireOpenForData() {
        if (state != SessionState.OPEN) {
            throw new IllegalStateException("cannot send: the session is " + state
                    + (closeSent != null ? " (close frame sent)" : ""));
        }
    }

    private static ByteBuffer checkedControlPayload(ByteBuffer data) {
        if (data.remaining() > FrameHeader.MAX_7_BIT_LENGTH) {
            throw new IllegalArgumentException("control frame data is " + data.remaining()
                    + " bytes; at most 125 allowed (RFC 6455 §5.5)");
        }
        return copy(data);
    }

    private static ByteBuffer copy(ByteBuffer data) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data.duplicate()).flip();
        return copy;
    }

    private void sendControl(Opcode opcode, ByteBuffer payload) {
        sendFrame(true, 0, opcode, payload);
    }

    private void sendFrame(boolean fin, int rsv, Opcode opcode, ByteBuffer payload) {
        writeHeader(fin, rsv, opcode, payload);
        sink.sendFrame(header, payload, role.masksOutgoing(), lastMaskKey);
    }

    /**
     * Encodes a header into {@link #header}, with a fresh masking key for a client, and shows the
     * frame to the tap.
     */
    private void writeHeader(boolean fin, int rsv, Opcode opcode, ByteBuffer payload) {
        boolean masked = role.masksOutgoing();
        lastMaskKey = masked ? maskKeys.nextKey() : 0;
        if (header == null) {
            header = ByteBuffer.allocate(FrameHeader.MAX_LENGTH); // an idle connection has none
        }
        header.clear();
        FrameHeader.write(header, fin, rsv, opcode, payload.remaining(), masked, lastMaskKey);
        header.flip();
        if (tap != FrameTap.NONE) {
            tap.onFrameHeader(FrameTap.Direction.SENT,
                    new FrameHeader(fin, rsv, opcode, masked, lastMaskKey, payload.remaining()), header.asReadOnlyBuffer());
            if (payload.hasRemaining()) {
                tap.onFramePayload(FrameTap.Direction.SENT, payload.asReadOnlyBuffer());
            }
        }
    }

    /**
     * Enters {@link SessionState#CLOSED}, where nothing more is sent or processed, and frees the
     * extension's state: once, however many ways (close, failure, end of stream) lead here.
     */
    private void enterClosed() {
        if (state == SessionState.CLOSED) {
            return;
        }
        state = SessionState.CLOSED;
        if (compression != null) {
            compression.release();
        }
    }

    // ---------------------------------------------------------------- state

    /**
     * The current state.
     *
     * @return {@link SessionState#OPEN}, {@link SessionState#CLOSING} or
     *     {@link SessionState#CLOSED}
     */
    public SessionState state() {
        return state;
    }

    /**
     * Whether the input stopped part-way: inside a frame (part of its header or payload has
     * arrived, not all) or inside a message sent in fragments (§5.4). A transport bounds how
     * long a peer may leave it so (a slow peer holds the partial frame or message meanwhile).
     *
     * @return true while a frame or a fragmented message is incomplete
     */
    public boolean isReceivingPartially() {
        return !decoder.isAtFrameBoundary() || assembler.isInsideMessage();
    }

    /**
     * Which end of the connection this session is.
     *
     * @return the role given at construction
     */
    public Role role() {
        return role;
    }

    /**
     * Whether the transport should close the TCP connection now: once the session is closed,
     * a server closes at once; a client waits for the server to do it (§7.1.1), so this is true
     * for a client only after a failure or once the server closed its side, when waiting serves
     * nothing.
     *
     * @return true when the TCP connection is to be closed now
     */
    public boolean shouldCloseTransport() {
        return state == SessionState.CLOSED
                && (role == Role.SERVER || failure != null || endOfStream);
    }

    /**
     * Whether more data messages may be sent (open, and no close frame sent).
     *
     * @return true while {@link SessionState#OPEN}
     */
    public boolean canSend() {
        return state == SessionState.OPEN;
    }

    /**
     * Whether a frame encoded elsewhere (a broadcast encoded once for many connections) may be
     * sent now: the session is open and no fragmented message of ours is in progress, so a
     * complete message frame cannot land inside another message (§5.4).
     *
     * @return true when a complete message frame may be queued now
     */
    public boolean canSendWholeMessage() {
        return state == SessionState.OPEN && sendingFragmented == null;
    }

    /**
     * The close frame the peer sent, or null if none arrived.
     *
     * @return the peer's close body, or null
     */
    public CloseBody closeReceived() {
        return closeReceived;
    }

    /**
     * The close frame this side sent, or null if none was sent.
     *
     * @return our close body, or null
     */
    public CloseBody closeSent() {
        return closeSent;
    }

    /**
     * The violation that failed the connection, or null.
     *
     * @return the violation, or null when the connection did not fail
     */
    public WebSocketProtocolException failure() {
        return failure;
    }

    /**
     * The status code to report to the application for how the connection ended
     * (§7.1.5, "The WebSocket Connection Close Code"): the code of the peer's close frame
     * ({@link CloseCode#NO_STATUS_RECEIVED} when it had none), or
     * {@link CloseCode#ABNORMAL_CLOSURE} when no close frame was received.
     *
     * @return the close code for the application
     */
    public int closeCode() {
        return closeReceived != null ? closeReceived.code() : CloseCode.ABNORMAL_CLOSURE;
    }

    /**
     * The reason of the peer's close frame, or "" (§7.1.6).
     *
     * @return the peer's reason, or the empty string
     */
    public String closeReason() {
        return closeReceived != null ? closeReceived.reason() : "";
    }
}
