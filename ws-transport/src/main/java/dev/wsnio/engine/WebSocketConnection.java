package dev.wsnio.engine;

import dev.wsnio.frame.CloseBody;
import dev.wsnio.frame.CloseCode;
import dev.wsnio.frame.FrameSink;
import dev.wsnio.frame.FrameTap;
import dev.wsnio.frame.MessageCompression;
import dev.wsnio.frame.MessageType;
import dev.wsnio.frame.Role;
import dev.wsnio.frame.SessionListener;
import dev.wsnio.frame.SessionState;
import dev.wsnio.frame.WebSocketProtocolException;
import dev.wsnio.frame.WebSocketSession;
import dev.wsnio.handshake.HandshakeRequest;
import dev.wsnio.ConnectionSettings;
import dev.wsnio.HeartbeatTimeoutException;
import dev.wsnio.SendQueueFullException;
import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * An open WebSocket connection on the engine: the {@link WebSocket} handle the application
 * holds, the {@link ChannelHandler} of the connection's WebSocket phase, and the glue between the
 * sans-I/O {@link WebSocketSession} and the socket. Shared by server and client.
 *
 * <p>Sends from any thread are checked against the send-queue limit on the caller's thread,
 * then handed to the event loop in order; the session encodes them there and the connection's
 * write queue sends them. Received bytes go from the loop's buffer straight into the session;
 * its events become listener callbacks through a {@link CallbackDispatcher}.
 *
 * <p>Closing, as RFC 6455 §7 has it: after the closing handshake a server closes TCP at once and
 * a client waits (up to the close timeout) for the server to do it (§7.1.1); after a protocol
 * error either side sends its close frame, half-closes, and waits for the peer's end of stream
 * (or the close timeout); the application's {@code onClose} comes once TCP is closed.
 */
public final class WebSocketConnection implements WebSocket, ChannelHandler, SessionListener, FrameSink {

    private static final System.Logger LOG = System.getLogger(WebSocketConnection.class.getName());
    private static final long NANOS_PER_MILLI = TimeUnit.MILLISECONDS.toNanos(1);

    private final Connection connection;
    private final EventLoop loop;
    private final ConnectionSettings settings;
    private final WebSocketListener listener;
    private final WebSocketSession session;
    private final CallbackDispatcher callbacks;
    private final HandshakeRequest request;
    private final String subprotocol;
    private final String extensions;
    private final Consumer<WebSocketConnection> onClosed;
    private final AtomicLong buffered = new AtomicLong();
    /** Operations of this connection handed to the loop and not yet run. */
    private final AtomicInteger waitingOnLoop = new AtomicInteger();
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
    private volatile boolean open = true;
    private volatile Object attachment;
    private volatile TrafficObserver traffic = TrafficObserver.NONE;

    // Loop thread only.
    private WriteCompletion sending;
    private long lastReceivedNanos = System.nanoTime();
    private long pingSentNanos;
    private Timer closeTimer;
    private Timer heartbeatTimer;
    private Timer idleTimer;
    private Throwable failure;

    /**
     * Creates the WebSocket phase of a connection whose opening handshake just succeeded. Call
     * {@link #start} on the loop thread to hand the connection over.
     *
     * @param connection the TCP (or TLS) connection
     * @param role server or client
     * @param settings limits, timeouts and callback threading
     * @param compression the negotiated permessage-deflate state, or null
     * @param listener the application's listener
     * @param request the opening handshake's request
     * @param subprotocol the agreed subprotocol, or ""
     * @param extensions the agreed extensions as in the response header, or ""
     * @param attachment the application's initial attachment, or null
     * @param onClosed told (on the loop thread) once the connection has closed, or null
     */
    public WebSocketConnection(Connection connection, Role role, ConnectionSettings settings,
                               MessageCompression compression, WebSocketListener listener,
                               HandshakeRequest request, String subprotocol, String extensions, Object attachment,
                               Consumer<WebSocketConnection> onClosed) {
        this.connection = connection;
        this.loop = connection.loop();
        this.settings = settings;
        this.listener = listener;
        this.request = request;
        this.subprotocol = subprotocol;
        this.extensions = extensions;
        this.attachment = attachment;
        this.onClosed = onClosed;
        this.session = new WebSocketSession(role, settings.session(), compression,
                role.masksOutgoing() ? loop.maskKeys() : null, this, this);
        this.callbacks = new CallbackDispatcher(loop, settings.callbackExecutor(),
                new CallbackDispatcher.ReadControl() {
                    @Override
                    public void pause() {
                        loop.execute(connection::pauseReading);
                    }

                    @Override
                    public void resume() {
                        connection.resumeReading();
                    }
                }, settings.maxQueuedBytes());
    }

    /**
     * Takes over the connection: reports {@code onOpen}, starts the timers, and processes the
     * bytes that arrived right behind the handshake. Loop thread only.
     *
     * @param leftover bytes received after the handshake's end (the peer's first frames), or an
     *     empty buffer
     */
    public void start(ByteBuffer leftover) {
        connection.setHandler(this);
        connection.setOutputWaterMarks(settings.maxQueuedBytes(), settings.maxQueuedBytes() / 2);
        callbacks.dispatch(() -> call(() -> listener.onOpen(this)), 0);
        lastReceivedNanos = System.nanoTime();
        if (settings.heartbeatEnabled()) {
            heartbeatTimer = loop.schedule(settings.heartbeatInterval().toNanos(), this::heartbeat);
        }
        if (!settings.idleTimeout().isZero()) {
            idleTimer = loop.schedule(settings.idleTimeout().toNanos(), this::checkIdle);
        }
        if (leftover.hasRemaining()) {
            receive(leftover);
        }
    }

    /**
     * Reports this connection's traffic to an observer (the server's statistics). Call before
     * {@link #start}.
     *
     * @param observer told about messages, refused sends and the close code
     */
    public void observeTraffic(TrafficObserver observer) {
        this.traffic = observer;
    }

    /**
     * The future that completes when the connection has closed.
     *
     * @return completes once the TCP connection is closed and {@code onClose} has run
     */
    public CompletableFuture<Void> closeFuture() {
        return closeFuture;
    }

    /**
     * The underlying engine connection.
     *
     * @return the TCP (or TLS) connection
     */
    public Connection connection() {
        return connection;
    }

    // ------------------------------------------------------------- WebSocket (any thread)

    @Override
    public CompletableFuture<Void> sendText(CharSequence text) {
        ByteBuffer utf8;
        try {
            utf8 = encodeUtf8(text);
        } catch (CharacterCodingException e) {
            return CompletableFuture.failedFuture(e);
        }
        return submit(new Send(Send.Kind.MESSAGE, MessageType.TEXT, utf8, true));
    }

    @Override
    public CompletableFuture<Void> sendBinary(ByteBuffer data) {
        return submit(new Send(Send.Kind.MESSAGE, MessageType.BINARY, data.duplicate(), true));
    }

    @Override
    public CompletableFuture<Void> sendFragment(MessageType type, ByteBuffer data, boolean last) {
        return submit(new Send(Send.Kind.FRAGMENT, type, data.duplicate(), last));
    }

    @Override
    public CompletableFuture<Void> ping(ByteBuffer data) {
        return submit(new Send(Send.Kind.PING, null, controlPayload(data), true));
    }

    @Override
    public CompletableFuture<Void> pong(ByteBuffer data) {
        return submit(new Send(Send.Kind.PONG, null, controlPayload(data), true));
    }

    @Override
    public CompletableFuture<Void> close(int code, String reason) {
        CloseBody body = new CloseBody(code, reason == null ? "" : reason); // validates
        runOnLoop(() -> startClose(body));
        return closeFuture;
    }

    @Override
    public void abort() {
        runOnLoop(() -> connection.abort(null));
    }

    @Override
    public long bufferedAmount() {
        return buffered.get();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public HandshakeRequest request() {
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
        runOnLoop(() -> session.tap(tap));
    }

    @Override
    public String toString() {
        return "WebSocket[" + session.role().name().toLowerCase() + " " + remoteAddress()
                + (open ? " open" : " closed") + "]";
    }

    // ------------------------------------------------------------- sending

    /** A send on its way from the caller's thread to the loop, then to the socket. */
    private final class Send implements Runnable, WriteCompletion {
        enum Kind { MESSAGE, FRAGMENT, PING, PONG }

        final Kind kind;
        final MessageType type;
        final ByteBuffer payload;
        final boolean last;
        final long size;
        final CompletableFuture<Void> future = new CompletableFuture<>();

        Send(Kind kind, MessageType type, ByteBuffer payload, boolean last) {
            this.kind = kind;
            this.type = type;
            this.payload = payload;
            this.last = last;
            this.size = payload.remaining();
        }

        @Override
        public void run() {
            sending = this;
            try {
                switch (kind) {
                    case MESSAGE -> session.sendMessage(type, payload);
                    case FRAGMENT -> session.sendFragment(type, payload, last);
                    case PING -> session.sendPing(payload);
                    case PONG -> session.sendPong(payload);
                }
            } catch (IllegalStateException | IllegalArgumentException e) {
                failed(e);
            } finally {
                sending = null;
            }
        }

        @Override
        public void written() {
            buffered.addAndGet(-size);
            if (kind == Kind.MESSAGE) {
                traffic.messageSent(size);
            }
            future.complete(null);
        }

        @Override
        public void failed(Throwable cause) {
            buffered.addAndGet(-size);
            future.completeExceptionally(cause);
        }
    }

    private CompletableFuture<Void> submit(Send send) {
        if (!open) {
            return CompletableFuture.failedFuture(new IllegalStateException("the WebSocket is closed"));
        }
        long limit = settings.maxQueuedBytes();
        long queued;
        do {
            queued = buffered.get();
            if (queued > 0 && queued + send.size > limit) {
                traffic.sendRefused(send.size, queued);
                return CompletableFuture.failedFuture(new SendQueueFullException(queued, send.size, limit));
            }
        } while (!buffered.compareAndSet(queued, queued + send.size));
        runOnLoop(send);
        return send.future;
    }

    /**
     * Runs an operation of this connection (a send, a close) on its loop, in the order of the
     * calls: at once when called on the loop and nothing of this connection is waiting in the
     * loop's task queue; otherwise behind what is waiting, so that a send made in a callback
     * never overtakes sends another thread made before it.
     */
    private void runOnLoop(Runnable task) {
        if (loop.inEventLoop() && waitingOnLoop.get() == 0) {
            task.run();
            return;
        }
        waitingOnLoop.incrementAndGet();
        loop.execute(() -> {
            waitingOnLoop.decrementAndGet();
            task.run();
        });
    }

    /**
     * Queues a complete message frame encoded once for many connections (a broadcast): the
     * frame's bytes are shared, not copied per connection. Refused when this connection's send
     * queue is over its limit or it is not open.
     *
     * @param frame the encoded, unmasked frame (header and payload); never modified
     * @param messageSize the message's payload size, counted in {@link #bufferedAmount()}
     * @return whether the frame was accepted for sending
     */
    public boolean sendEncodedFrame(ByteBuffer frame, long messageSize) {
        if (!open) {
            return false;
        }
        long limit = settings.maxQueuedBytes();
        long queued;
        do {
            queued = buffered.get();
            if (queued > 0 && queued + messageSize > limit) {
                traffic.sendRefused(messageSize, queued);
                return false;
            }
        } while (!buffered.compareAndSet(queued, queued + messageSize));
        ByteBuffer shared = frame.duplicate();
        WriteCompletion release = new WriteCompletion() {
            @Override
            public void written() {
                buffered.addAndGet(-messageSize);
                traffic.messageSent(messageSize);
            }

            @Override
            public void failed(Throwable cause) {
                buffered.addAndGet(-messageSize);
            }
        };
        runOnLoop(() -> {
            if (session.canSendWholeMessage()) {
                connection.write(shared, release);
            } else {
                release.failed(new IllegalStateException("not open, or a fragmented message is in progress"));
            }
        });
        return true;
    }

    /** The session's frames go to the connection's write queue. */
    @Override
    public void sendFrame(ByteBuffer header, ByteBuffer payload, boolean masked, int maskKey) {
        WriteCompletion completion = sending;
        sending = null; // one completion per send: a message is one frame
        connection.writeFrame(header, payload, masked, maskKey, completion);
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
        return data.duplicate();
    }

    // ------------------------------------------------------------- closing

    private void startClose(CloseBody body) {
        if (session.close(body)) {
            open = false;
            armCloseTimer();
        }
    }

    private void armCloseTimer() {
        if (closeTimer == null && !connection.isClosed()) {
            closeTimer = loop.schedule(settings.closeTimeout().toNanos(), () -> {
                LOG.log(Level.DEBUG, "{0}: close timeout, closing TCP", this);
                connection.abort(null);
            });
        }
    }

    /** After the session reached CLOSED: close or half-close TCP as RFC 6455 §7.1.1 says. */
    private void afterSessionClosed() {
        open = false;
        if (session.failure() != null) {
            connection.shutdownOutputAfterFlush();
            armCloseTimer();
        } else if (session.shouldCloseTransport()) {
            connection.closeAfterFlush(); // a server, once the handshake is complete
        } else {
            armCloseTimer(); // a client waits for the server's TCP close
        }
    }

    // ------------------------------------------------------------- ChannelHandler (loop)

    @Override
    public void onData(Connection source, ByteBuffer data) {
        lastReceivedNanos = System.nanoTime();
        receive(data);
    }

    private void receive(ByteBuffer data) {
        SessionState before = session.state();
        try {
            session.receive(data);
        } catch (RuntimeException e) {
            // A bug below the listener (listener exceptions are caught in call()).
            LOG.log(Level.ERROR, this + ": failure while receiving", e);
            failure = e;
            connection.closeAfterFlush();
            return;
        }
        if (before != SessionState.CLOSED && session.state() == SessionState.CLOSED) {
            afterSessionClosed();
        }
    }

    @Override
    public void onEndOfStream(Connection source) {
        session.receiveEndOfStream();
        connection.abort(null);
    }

    @Override
    public void onClosed(Connection source, Throwable cause) {
        open = false;
        cancel(closeTimer);
        cancel(heartbeatTimer);
        cancel(idleTimer);
        if (session.state() != SessionState.CLOSED) {
            session.receiveEndOfStream(); // releases compression state
        }
        if (onClosed != null) {
            onClosed.accept(this); // e.g. leave the server's registry before onClose runs
        }
        Throwable error = failure != null ? failure : cause;
        int code = session.closeCode();
        String reason = session.closeReason();
        traffic.closed(code);
        if (error != null && !(error instanceof WebSocketProtocolException)) {
            callbacks.dispatch(() -> call(() -> listener.onError(this, error)), 0);
        }
        callbacks.dispatch(() -> {
            call(() -> listener.onClose(this, code, reason));
            closeFuture.complete(null);
        }, 0);
    }

    private static void cancel(Timer timer) {
        if (timer != null) {
            timer.cancel();
        }
    }

    // ------------------------------------------------------------- SessionListener (loop)

    @Override
    public void onMessage(MessageType type, ByteBuffer payload, boolean last) {
        int size = payload.remaining();
        traffic.messageReceived(size);
        if (settings.session().deliveryMode() == dev.wsnio.frame.DeliveryMode.STREAMING) {
            ByteBuffer piece = lend(payload);
            callbacks.dispatch(() -> call(() -> listener.onMessagePart(this, type, piece, last)), size);
        } else if (type == MessageType.TEXT) {
            String text = decodeText(payload);
            callbacks.dispatch(() -> call(() -> listener.onText(this, text)), size);
        } else {
            ByteBuffer data = lend(payload);
            callbacks.dispatch(() -> call(() -> listener.onBinary(this, data)), size);
        }
    }

    @Override
    public void onPing(ByteBuffer payload) {
        ByteBuffer data = lend(payload);
        callbacks.dispatch(() -> call(() -> listener.onPing(this, data)), data.remaining());
    }

    @Override
    public void onPong(ByteBuffer payload) {
        ByteBuffer data = lend(payload);
        callbacks.dispatch(() -> call(() -> listener.onPong(this, data)), data.remaining());
    }

    @Override
    public void onCloseReceived(CloseBody body) {
        open = false;
    }

    @Override
    public void onProtocolError(WebSocketProtocolException error) {
        open = false;
        failure = error;
        LOG.log(Level.DEBUG, "{0}: peer violated the protocol: {1}", this, error.getMessage());
        callbacks.dispatch(() -> call(() -> listener.onError(this, error)), 0);
    }

    /** Text already validated by the session; the JDK's decoder takes the ASCII fast path. */
    private static String decodeText(ByteBuffer utf8) {
        if (utf8.hasArray()) {
            return new String(utf8.array(), utf8.arrayOffset() + utf8.position(), utf8.remaining(),
                    StandardCharsets.UTF_8);
        }
        byte[] bytes = new byte[utf8.remaining()];
        utf8.get(utf8.position(), bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A view when callbacks run inline (valid during the call), a copy for an executor. */
    private ByteBuffer lend(ByteBuffer payload) {
        if (callbacks.inline()) {
            return payload;
        }
        ByteBuffer copy = ByteBuffer.allocate(payload.remaining());
        copy.put(payload.duplicate()).flip();
        return copy;
    }

    /** Runs a listener callback; an exception from it closes the connection with 1011. */
    private void call(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException | Error e) {
            LOG.log(Level.WARNING, this + ": listener threw; closing with 1011", e);
            runOnLoop(() -> {
                if (failure == null) {
                    failure = e;
                }
                startClose(new CloseBody(CloseCode.INTERNAL_ERROR, ""));
            });
        }
    }

    // ------------------------------------------------------------- timers (loop)

    /** Heartbeat (RFC 6455 §5.5.2: a ping "may serve as a keepalive"). */
    private void heartbeat() {
        if (!session.canSend()) {
            return;
        }
        pingSentNanos = System.nanoTime();
        ByteBuffer stamp = ByteBuffer.allocate(Long.BYTES).putLong(0, pingSentNanos);
        session.sendPing(stamp);
        heartbeatTimer = loop.schedule(settings.heartbeatTimeout().toNanos(), this::checkHeartbeat);
    }

    private void checkHeartbeat() {
        if (lastReceivedNanos - pingSentNanos < 0) {
            // Nothing at all arrived since the ping: the peer is gone.
            failure = new HeartbeatTimeoutException(settings.heartbeatTimeout());
            LOG.log(Level.DEBUG, "{0}: {1}", this, failure.getMessage());
            connection.abort(null);
            return;
        }
        long untilNext = settings.heartbeatInterval().toNanos() - settings.heartbeatTimeout().toNanos();
        heartbeatTimer = loop.schedule(Math.max(untilNext, NANOS_PER_MILLI), this::heartbeat);
    }

    private void checkIdle() {
        long idleNanos = System.nanoTime() - lastReceivedNanos;
        long limit = settings.idleTimeout().toNanos();
        if (idleNanos >= limit) {
            LOG.log(Level.DEBUG, "{0}: idle for {1} ms, closing", this, idleNanos / NANOS_PER_MILLI);
            startClose(new CloseBody(CloseCode.GOING_AWAY, "idle timeout"));
            return;
        }
        idleTimer = loop.schedule(limit - idleNanos, this::checkIdle);
    }
}
