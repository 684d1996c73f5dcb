package dev.wsnio.engine;

import dev.wsnio.ConnectionSettings;
import dev.wsnio.HeartbeatTimeoutException;
import dev.wsnio.MessageTimeoutException;
import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.frame.CloseBody;
import dev.wsnio.frame.CloseCode;
import dev.wsnio.frame.DeliveryMode;
import dev.wsnio.frame.FrameSink;
import dev.wsnio.frame.FrameTap;
import dev.wsnio.frame.MessageCompression;
import dev.wsnio.frame.MessageType;
import dev.wsnio.frame.SessionListener;
import dev.wsnio.frame.SessionState;
import dev.wsnio.frame.WebSocketProtocolException;
import dev.wsnio.frame.WebSocketSession;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The WebSocket phase of a connection, on its event loop: the glue between the sans-I/O
 * {@link WebSocketSession} and everything around it. Bytes read from the socket go into the
 * session ({@link ChannelHandler}); the session's events become listener callbacks
 * ({@link SessionListener}, through the {@link CallbackDispatcher}); the frames it wants sent go
 * to the connection's write queue ({@link FrameSink}). The other concerns live in their own
 * parts: the application's handle and its send path in {@link WebSocketConnection} and
 * {@link SendPath}, the end of the connection in {@link ClosingHandshake}, the peer's liveness
 * in {@link Liveness}.
 *
 * <p>Loop thread only, except for the {@link CallbackDispatcher.Owner} methods, which say on
 * which thread they run.
 */
final class WebSocketPhase implements ChannelHandler, SessionListener, FrameSink, CallbackDispatcher.Owner {

    private static final System.Logger LOG = System.getLogger(WebSocketPhase.class.getName());

    private final WebSocketConnection socket;
    private final Connection connection;
    private final WebSocketConfig config;
    private final WebSocketSession session;
    /** Runs callbacks on the application's executor; null when they run inline on the loop. */
    private final CallbackDispatcher onExecutor;
    /** Made when the connection starts to close. */
    private ClosingHandshake closing;
    /** The peer's timers; made when one is configured or a read first leaves a message incomplete. */
    private Liveness liveness;
    /** Whole messages received so far (their completion resets the message deadline). */
    private long messagesReceived;
    /** The completion for the frame the session is about to hand over, or null. */
    private WriteCompletion nextFrameCompletion;
    /** Whether that frame's payload is a buffer lent to a callback, to be copied at once. */
    private boolean nextFrameLent;
    /** What ended the connection abnormally, reported to {@code onError}; or null. */
    private Throwable failure;

    WebSocketPhase(WebSocketConnection socket, Connection connection, WebSocketConfig config,
                   MessageCompression compression) {
        this.socket = socket;
        this.connection = connection;
        this.config = config;
        ConnectionSettings settings = config.settings();
        EventLoop loop = connection.loop();
        this.session = new WebSocketSession(config.role(), settings.session(), compression,
                config.role().masksOutgoing() ? loop.maskKeys() : null, this, this);
        session.receiveTextInto(loop.textWorkspace()); // text is decoded into strings on the loop
        this.onExecutor = settings.callbackExecutor() == null ? null
                : new CallbackDispatcher(settings.callbackExecutor(), settings.maxQueuedBytes(), this);
    }

    /**
     * Takes over the connection; see {@link WebSocketConnection#open}. Reading pauses while more
     * than half of the send limit is queued (frames of every kind: answers to a ping flood
     * count) and resumes under an eighth: a peer that sends without reading is slowed by TCP
     * long before an application answering it would have a send refused.
     */
    void start(ByteBuffer leftover) {
        connection.setHandler(this);
        long limit = config.settings().maxQueuedBytes();
        connection.setOutputWaterMarks(limit / 2, limit / 8);
        config.tracker().opened(socket);
        WebSocketListener listener = config.listener();
        dispatch(() -> listener.onOpen(socket), 0);
        ConnectionSettings settings = config.settings();
        if (settings.heartbeatEnabled() || !settings.idleTimeout().isZero()) {
            liveness().start();
        }
        if (leftover.hasRemaining()) {
            receive(leftover);
        }
    }

    // ------------------------------------------------------------- from the handle (loop)

    /** Encodes a send and queues its frame; a send the session refuses fails. */
    void transmit(Send send) {
        nextFrameCompletion = send;
        nextFrameLent = send.lentPayload;
        try {
            switch (send.kind) {
                case MESSAGE -> session.sendMessage(send.type, send.payload);
                case FRAGMENT -> session.sendFragment(send.type, send.payload, send.last);
                case PING -> session.sendPing(send.payload);
                case PONG -> session.sendPong(send.payload);
            }
        } catch (IllegalStateException | IllegalArgumentException e) {
            if (nextFrameCompletion == send) { // refused before its frame was handed over
                nextFrameCompletion = null;
                send.failed(e);
            } else {
                throw e;
            }
        } finally {
            nextFrameCompletion = null;
            nextFrameLent = false;
        }
    }

    /** Queues a complete message frame encoded elsewhere (a broadcast), if one may go now. */
    void transmitEncoded(ByteBuffer frame, WriteCompletion completion) {
        if (session.canSendWholeMessage()) {
            connection.writeShared(frame, completion);
        } else {
            completion.failed(new IllegalStateException("not open, or a fragmented message is in progress"));
        }
    }

    /** The application starts the closing handshake. */
    void close(CloseBody body) {
        if (closing().start(body)) {
            socket.markNotOpen();
        }
    }

    private ClosingHandshake closing() {
        if (closing == null) {
            closing = new ClosingHandshake(connection, session, config.settings().closeTimeout());
        }
        return closing;
    }

    /** Shows the session's frames to a tap (see {@link WebSocket#tap}). */
    void tap(FrameTap tap) {
        session.tap(tap);
    }

    /** A whole message the application sent was handed to the socket. */
    void messageSent(long payloadBytes) {
        socket.traffic().messageSent(payloadBytes);
    }

    /** The application drops the connection. */
    void abort() {
        connection.abort(null);
    }

    // ------------------------------------------------------------- FrameSink (loop)

    /**
     * The session's frames go to the connection's write queue, with their send's completion;
     * a payload lent to a callback is copied there at once.
     */
    @Override
    public void sendFrame(ByteBuffer header, ByteBuffer payload, boolean masked, int maskKey) {
        WriteCompletion completion = nextFrameCompletion;
        nextFrameCompletion = null; // one completion per send: a send is one frame
        if (nextFrameLent) {
            nextFrameLent = false;
            connection.writeFrameWithLentPayload(header, payload, masked, maskKey, completion);
        } else {
            connection.writeFrame(header, payload, masked, maskKey, completion);
        }
    }

    /** A compressed message: its payload is the compressor's reused buffer, copied by the write queue. */
    @Override
    public void sendFrameWithLentPayload(ByteBuffer header, ByteBuffer payload, boolean masked, int maskKey) {
        WriteCompletion completion = nextFrameCompletion;
        nextFrameCompletion = null;
        nextFrameLent = false;
        connection.writeFrameWithLentPayload(header, payload, masked, maskKey, completion);
    }

    // ------------------------------------------------------------- ChannelHandler (loop)

    @Override
    public void onData(Connection source, ByteBuffer data) {
        if (liveness != null) {
            liveness.received();
        }
        receive(data);
    }

    private Liveness liveness() {
        if (liveness == null) {
            liveness = new Liveness(this, connection.loop(), config.settings());
        }
        return liveness;
    }

    private void receive(ByteBuffer data) {
        SessionState before = session.state();
        try {
            session.receive(data);
        } catch (RuntimeException e) {
            // A failure below the listener (the listener's own are caught by the dispatcher).
            failInternally(e);
            return;
        }
        if (before != SessionState.CLOSED && session.state() == SessionState.CLOSED) {
            socket.markNotOpen();
            closing().sessionClosed();
        }
        boolean partial = session.isReceivingPartially();
        if (partial || liveness != null) {
            liveness().afterRead(partial, messagesReceived);
        }
    }

    @Override
    public void onEndOfStream(Connection source) {
        session.receiveEndOfStream();
        connection.abort(null);
    }

    /** The loop stops after a failure: the peer hears 1011 (§7.4.1) if a frame can still go. */
    @Override
    public void onLoopFailure(Connection source, Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        close(new CloseBody(CloseCode.INTERNAL_ERROR, ""));
    }

    @Override
    public void onClosed(Connection source, Throwable cause) {
        socket.markNotOpen();
        if (closing != null) {
            closing.connectionClosed();
        }
        if (liveness != null) {
            liveness.stop();
        }
        if (session.state() != SessionState.CLOSED) {
            session.receiveEndOfStream(); // releases compression state
        }
        config.tracker().closed(socket);
        Throwable error = failure != null ? failure : cause;
        int code = session.closeCode();
        String reason = session.closeReason();
        socket.traffic().closed(code);
        WebSocketListener listener = config.listener();
        if (error != null && !(error instanceof WebSocketProtocolException)) {
            dispatch(() -> listener.onError(socket, error), 0);
        }
        dispatch(() -> {
            try {
                listener.onClose(socket, code, reason);
            } finally {
                socket.closed();
            }
        }, 0);
    }

    // ------------------------------------------------------------- SessionListener (loop)

    @Override
    public void onMessage(MessageType type, ByteBuffer payload, boolean last) {
        if (last) {
            messagesReceived++;
        }
        int size = payload.remaining();
        socket.traffic().messageReceived(size);
        boolean streaming = config.settings().session().deliveryMode() == DeliveryMode.STREAMING;
        if (onExecutor != null) {
            if (!streaming && type == MessageType.TEXT) {
                String text = decodeText(payload); // here, so that the executor gets no second copy
                onExecutor.dispatch(() -> config.listener().onText(socket, text), size);
            } else {
                ByteBuffer owned = copyOf(payload);
                onExecutor.dispatch(() -> deliverMessage(streaming, type, owned, last), size);
            }
            return;
        }
        // Inline, the common case: no object per message; a failure goes where the dispatcher's go.
        EventLoop loop = connection.loop();
        boolean wasLent = loop.lendInput(true);
        try {
            deliverMessage(streaming, type, payload, last);
        } catch (RuntimeException | Error e) {
            callbackFailed(e);
        } finally {
            loop.lendInput(wasLent);
        }
    }

    /** Calls the listener's callback for one message, or one piece of it when streaming. */
    private void deliverMessage(boolean streaming, MessageType type, ByteBuffer data, boolean last) {
        WebSocketListener listener = config.listener();
        if (streaming) {
            listener.onMessagePart(socket, type, data, last);
        } else if (type == MessageType.TEXT) {
            listener.onText(socket, decodeText(data));
        } else {
            listener.onBinary(socket, data);
        }
    }

    @Override
    public void onPing(ByteBuffer payload) {
        ByteBuffer data = lend(payload);
        WebSocketListener listener = config.listener();
        dispatch(() -> listener.onPing(socket, data), data.remaining());
    }

    @Override
    public void onPong(ByteBuffer payload) {
        ByteBuffer data = lend(payload);
        WebSocketListener listener = config.listener();
        dispatch(() -> listener.onPong(socket, data), data.remaining());
    }

    @Override
    public void onCloseReceived(CloseBody body) {
        socket.markNotOpen();
    }

    @Override
    public void onProtocolError(WebSocketProtocolException error) {
        socket.markNotOpen();
        failure = error;
        LOG.log(Level.DEBUG, "{0}: peer violated the protocol: {1}", socket, error.getMessage());
        WebSocketListener listener = config.listener();
        dispatch(() -> listener.onError(socket, error), 0);
    }

    /**
     * Text already validated by the session; the JDK's decoder takes the ASCII fast path. A whole
     * message read into the direct read buffer arrives in the loop's text workspace (an array),
     * so the copy below is for what else is direct (none on the usual paths).
     */
    private static String decodeText(ByteBuffer utf8) {
        if (utf8.hasArray()) {
            return new String(utf8.array(), utf8.arrayOffset() + utf8.position(), utf8.remaining(),
                    StandardCharsets.UTF_8);
        }
        byte[] bytes = new byte[utf8.remaining()];
        utf8.get(utf8.position(), bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Runs a listener callback, inline (its buffers lent) or on the executor, in order. */
    private void dispatch(Runnable callback, long bytes) {
        if (onExecutor == null) {
            EventLoop loop = connection.loop();
            boolean wasLent = loop.lendInput(true);
            try {
                CallbackDispatcher.runInline(callback, this);
            } finally {
                loop.lendInput(wasLent);
            }
        } else {
            onExecutor.dispatch(callback, bytes);
        }
    }

    /**
     * A view when callbacks run inline (valid during the call; the loop knows it is lent, see
     * {@link EventLoop#lendInput}), a copy for an executor.
     */
    private ByteBuffer lend(ByteBuffer payload) {
        return onExecutor == null ? payload : copyOf(payload);
    }

    private static ByteBuffer copyOf(ByteBuffer payload) {
        ByteBuffer copy = ByteBuffer.allocate(payload.remaining());
        copy.put(payload.duplicate()).flip();
        return copy;
    }

    // ------------------------------------------------------------- CallbackDispatcher.Owner

    @Override
    public void pauseReading() {
        connection.pauseReading();
    }

    @Override
    public void resumeReading() {
        socket.runOnLoop(connection::resumeReading);
    }

    /**
     * Any thread: a listener callback threw. An exception closes this connection with 1011
     * (§7.4.1, "an unexpected condition"); an {@link Error} (out of memory, stack overflow) is
     * no longer this connection's business: it is thrown on the loop, which stops the whole
     * server or client (see {@link EventLoop}).
     */
    @Override
    public void callbackFailed(Throwable thrown) {
        if (thrown instanceof Error error) {
            if (connection.loop().inEventLoop()) {
                throw error;
            }
            if (!socket.runOnLoop(() -> {
                throw error;
            })) {
                LOG.log(Level.ERROR, socket + ": listener failed after its loop stopped", error);
            }
            return;
        }
        LOG.log(Level.WARNING, socket + ": listener threw; closing with 1011", thrown);
        socket.runOnLoop(() -> failInternally(thrown));
    }

    /** Something on our side failed: close with 1011 ("an unexpected condition", §7.4.1). */
    private void failInternally(Throwable thrown) {
        if (failure == null) {
            failure = thrown;
        }
        if (closing().start(new CloseBody(CloseCode.INTERNAL_ERROR, ""))) {
            socket.markNotOpen();
        } else if (session.state() == SessionState.CLOSED) {
            connection.closeAfterFlush();
        }
    }

    // ------------------------------------------------------------- for Liveness (loop)

    /** Sends a heartbeat ping; false when none may be sent any more. */
    boolean heartbeatPing(ByteBuffer data) {
        if (!session.canSend()) {
            return false;
        }
        session.sendPing(data);
        return true;
    }

    /** The peer answered nothing within the heartbeat timeout. */
    void peerDead(HeartbeatTimeoutException why) {
        failure = why;
        LOG.log(Level.DEBUG, "{0}: {1}", socket, why.getMessage());
        connection.abort(null);
    }

    /** A frame or fragmented message was not complete within the message timeout. */
    void messageTimedOut(MessageTimeoutException why) {
        LOG.log(Level.DEBUG, "{0}: {1}", socket, why.getMessage());
        if (failure == null) {
            failure = why;
        }
        close(new CloseBody(CloseCode.POLICY_VIOLATION, "message timeout"));
    }

    /** The peer sent nothing within the idle timeout. */
    void peerIdle() {
        LOG.log(Level.DEBUG, "{0}: idle timeout, closing", socket);
        close(new CloseBody(CloseCode.GOING_AWAY, "idle timeout"));
    }

    /** The session's role, for descriptions. */
    String role() {
        return config.role().name().toLowerCase(java.util.Locale.ROOT);
    }
}
