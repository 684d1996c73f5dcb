package dev.wsnio.engine;

import dev.wsnio.SendCallback;
import dev.wsnio.SendQueueFullException;
import dev.wsnio.UpgradeRequest;
import dev.wsnio.WebSocket;
import dev.wsnio.frame.CloseBody;
import dev.wsnio.frame.FrameTap;
import dev.wsnio.frame.MessageType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * An open WebSocket connection as the application holds it: the {@link WebSocket} handle,
 * shared by server and client. Every method may be called from any thread: sends take their
 * share of the send budget here and go to the connection's loop through the {@link SendPath};
 * everything that happens on the loop is the {@link WebSocketPhase}'s.
 */
public final class WebSocketConnection implements WebSocket {

    private static final VarHandle CLOSE_FUTURE;

    static {
        try {
            CLOSE_FUTURE = MethodHandles.lookup().findVarHandle(WebSocketConnection.class, "closeFuture",
                    CompletableFuture.class);
        } catch (NoSuchFieldException | IllegalAccessException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Connection connection;
    private final UpgradeRequest request;
    private final String subprotocol;
    private final String extensions;
    private final SendPath sends;
    private final WebSocketPhase phase;
    /** Made when first asked for (an idle connection has none); see {@link #closeFuture()}. */
    private volatile CompletableFuture<Void> closeFuture;
    /** Whether the connection has closed and {@code onClose} ran. */
    private volatile boolean closed;
    private volatile boolean open = true;
    private volatile Object attachment;
    private volatile TrafficObserver traffic = TrafficObserver.NONE;

    private WebSocketConnection(Connection connection, WebSocketConfig config, NegotiatedHandshake handshake,
                                Object attachment) {
        this.connection = connection;
        this.request = handshake.request();
        this.subprotocol = handshake.subprotocol();
        this.extensions = handshake.extensions();
        this.attachment = attachment;
        this.sends = new SendPath(connection.loop(), config.settings().maxQueuedBytes());
        this.phase = new WebSocketPhase(this, connection, config, handshake.compression());
    }

    /**
     * Opens the WebSocket phase of a connection whose opening handshake just succeeded: the
     * connection is handed over, the listener hears {@code onOpen}, the timers start, and the
     * bytes that arrived right behind the handshake are processed. Loop thread only.
     *
     * @param connection the TCP (or TLS) connection
     * @param config the endpoint's side, settings, listener and close hook
     * @param handshake what the handshake settled
     * @param attachment the application's initial attachment, or null
     * @param leftover bytes received after the handshake's end (the peer's first frames), or an
     *     empty buffer
     * @return the application's handle
     */
    public static WebSocketConnection open(Connection connection, WebSocketConfig config,
                                           NegotiatedHandshake handshake, Object attachment,
                                           ByteBuffer leftover) {
        WebSocketConnection socket = new WebSocketConnection(connection, config, handshake, attachment);
        socket.phase.start(leftover);
        return socket;
    }

    /**
     * Reports this connection's traffic to an observer (the server's statistics): call it from
     * {@link ConnectionTracker#opened}, before any traffic.
     *
     * @param observer told about messages, refused sends and the close code
     */
    public void observeTraffic(TrafficObserver observer) {
        this.traffic = Objects.requireNonNull(observer);
    }

    /**
     * The future that completes when the connection has closed.
     *
     * @return completes once the TCP connection is closed and {@code onClose} has run
     */
    public CompletableFuture<Void> closeFuture() {
        CompletableFuture<Void> future = closeFuture;
        if (future == null) {
            CLOSE_FUTURE.compareAndSet(this, null, new CompletableFuture<Void>());
            future = closeFuture;
            if (closed) { // closed() may have looked before the future existed
                future.complete(null);
            }
        }
        return future;
    }

    /**
     * The underlying engine connection.
     *
     * @return the TCP (or TLS) connection
     */
    public Connection connection() {
        return connection;
    }

    /**
     * Queues a complete message frame encoded once for many connections (a broadcast): the
     * frame's bytes are shared, not copied per connection. Refused when this connection's send
     * queue is over its limit or it is not open. Any thread.
     *
     * @param frame the encoded, unmasked frame (header and payload); never modified
     * @param messageSize the message's payload size, counted in {@link #bufferedAmount()}
     * @return whether the frame was accepted for sending
     */
    public boolean sendEncodedFrame(ByteBuffer frame, long messageSize) {
        if (!open) {
            return false;
        }
        if (!sends.reserve(messageSize)) {
            traffic.sendRefused(messageSize, sends.bufferedAmount());
            return false;
        }
        ByteBuffer shared = frame.duplicate();
        WriteCompletion release = new WriteCompletion() {
            @Override
            public void written() {
                sends.release(messageSize);
                traffic.messageSent(messageSize);
            }

            @Override
            public void failed(Throwable cause) {
                sends.release(messageSize);
            }
        };
        if (!sends.runOnLoop(() -> phase.transmitEncoded(shared, release))) {
            sends.release(messageSize);
            return false;
        }
        return true;
    }

    // ------------------------------------------------------------- WebSocket (any thread)

    @Override
    public CompletableFuture<Void> sendText(CharSequence text) {
        SendFuture future = new SendFuture();
        sendText(text, future);
        return future;
    }

    @Override
    public void sendText(CharSequence text, SendCallback callback) {
        Objects.requireNonNull(callback);
        if (sends.canRunNow() && text.length() <= TextEncoder.MAX_CHARS) {
            // on the loop (a listener callback): encoded into the loop's array, copied as it is queued
            ByteBuffer utf8 = connection.loop().textEncoder().encode(text);
            submit(Send.Kind.MESSAGE, MessageType.TEXT, utf8, true, Payload.LOOPS, callback);
            return;
        }
        ByteBuffer utf8;
        try {
            utf8 = encodeUtf8(text);
        } catch (CharacterCodingException e) {
            callback.completed(e);
            return;
        }
        submit(Send.Kind.MESSAGE, MessageType.TEXT, utf8, true, Payload.OWN, callback);
    }

    @Override
    public CompletableFuture<Void> sendBinary(ByteBuffer data) {
        SendFuture future = new SendFuture();
        sendBinary(data, future);
        return future;
    }

    @Override
    public void sendBinary(ByteBuffer data, SendCallback callback) {
        Objects.requireNonNull(callback);
        submit(Send.Kind.MESSAGE, MessageType.BINARY, data, true, Payload.CALLERS, callback);
    }

    @Override
    public CompletableFuture<Void> sendFragment(MessageType type, ByteBuffer data, boolean last) {
        return submitWithFuture(Send.Kind.FRAGMENT, type, data, last);
    }

    @Override
    public CompletableFuture<Void> ping(ByteBuffer data) {
        return submitWithFuture(Send.Kind.PING, null, controlPayload(data), true);
    }

    @Override
    public CompletableFuture<Void> pong(ByteBuffer data) {
        return submitWithFuture(Send.Kind.PONG, null, controlPayload(data), true);
    }

    @Override
    public CompletableFuture<Void> close(int code, String reason) {
        CloseBody body = new CloseBody(code, reason == null ? "" : reason); // validates
        sends.runOnLoop(() -> phase.close(body));
        return closeFuture();
    }

    @Override
    public void abort() {
        sends.runOnLoop(phase::abort);
    }

    @Override
    public long bufferedAmount() {
        return sends.bufferedAmount();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public UpgradeRequest request() {
        return request;
    }

    @Override
    public String subprotocol() {
        return subprotocol;
    }

    @Override
    public String extensions() {
        return extensions;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return connection.remoteAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return connection.localAddress();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T attachment() {
        return (T) attachment;
    }

    @Override
    public void attach(Object value) {
        this.attachment = value;
    }

    @Override
    public void tap(FrameTap tap) {
        Objects.requireNonNull(tap);
        sends.runOnLoop(() -> phase.tap(tap));
    }

    @Override
    public String toString() {
        return "WebSocket[" + phase.role() + " " + remoteAddress() + (open ? " open" : " closed") + "]";
    }

    // ------------------------------------------------------------- for the phase

    /** No more messages may be sent: a close frame was sent or received, or TCP closed. */
    void markNotOpen() {
        open = false;
    }

    /** Where this connection's traffic is counted. */
    TrafficObserver traffic() {
        return traffic;
    }

    /** The connection closed and {@code onClose} ran. */
    void closed() {
        closed = true;
        CompletableFuture<Void> future = closeFuture;
        if (future != null) { // else closeFuture() sees the flag
            future.complete(null);
        }
    }

    /**
     * Runs an operation of this connection on its loop, in call order.
     *
     * @return false when the loop has stopped: the operation will never run
     */
    boolean runOnLoop(Runnable operation) {
        return sends.runOnLoop(operation);
    }

    // ------------------------------------------------------------- sending

    private CompletableFuture<Void> submitWithFuture(Send.Kind kind, MessageType type, ByteBuffer payload,
                                                     boolean last) {
        SendFuture future = new SendFuture();
        submit(kind, type, payload, last, Payload.CALLERS, future);
        return future;
    }

    /** Whose a send's payload is: what must be done to keep it until the send runs. */
    private enum Payload {
        /** Made for this send (text encoded into a new array): kept as it is. */
        OWN,
        /** The application's buffer: kept as a view, or copied when a callback was lent it. */
        CALLERS,
        /** The loop's array ({@link TextEncoder}), valid during this call only: copied. */
        LOOPS
    }

    /**
     * Takes the send's budget and runs it on the loop: at once when called on the loop with
     * nothing of this connection waiting there (the payload is read before this returns, so the
     * caller's buffer is used as it is), else later (the payload's bounds are fixed now with a
     * view, and a buffer valid only during the call is copied).
     *
     * @param whose whose the payload is
     */
    private void submit(Send.Kind kind, MessageType type, ByteBuffer payload, boolean last,
                        Payload whose, SendCallback callback) {
        if (!open) {
            callback.completed(new IllegalStateException("the WebSocket is closed"));
            return;
        }
        long size = payload.remaining();
        if (!sends.reserve(size)) {
            traffic.sendRefused(size, sends.bufferedAmount());
            callback.completed(new SendQueueFullException(sends.bufferedAmount(), size, sends.limit()));
            return;
        }
        EventLoop caller = EventLoop.current();
        boolean lent = whose == Payload.LOOPS
                || whose == Payload.CALLERS && caller != null && caller.isInputLent();
        if (sends.canRunNow()) {
            caller.sendRecords().take().prepare(phase, sends, kind, type, payload, last, lent, callback).run();
            return;
        }
        ByteBuffer kept = lent ? copyOf(payload) : whose == Payload.CALLERS ? payload.duplicate() : payload;
        Send send = new Send(null).prepare(phase, sends, kind, type, kept, last, false, callback);
        if (!sends.queueOnLoop(send)) {
            send.failed(new IllegalStateException("the WebSocket is closed"));
        }
    }

    private static ByteBuffer copyOf(ByteBuffer data) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data.duplicate()).flip();
        return copy;
    }

    private static ByteBuffer encodeUtf8(CharSequence text) throws CharacterCodingException {
        if (text instanceof String string) {
            return ByteBuffer.wrap(string.getBytes(StandardCharsets.UTF_8));
        }
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return encoder.encode(CharBuffer.wrap(text));
    }

    private static ByteBuffer controlPayload(ByteBuffer data) {
        if (data.remaining() > 125) {
            throw new IllegalArgumentException("control frame data is " + data.remaining()
                    + " bytes; at most 125 allowed (RFC 6455 §5.5)");
        }
        return data;
    }
}
