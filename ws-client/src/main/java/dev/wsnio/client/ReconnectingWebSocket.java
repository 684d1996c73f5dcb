package dev.wsnio.client;

import dev.wsnio.frame.CloseBody;
import dev.wsnio.frame.CloseCode;
import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.engine.EventLoop;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * A WebSocket connection that comes back by itself: the handle an application keeps while the
 * underlying connections come and go. When a connection is lost (1006), the server goes away or
 * restarts (1001, 1012, …), a heartbeat finds the server dead, or an attempt fails in a way that
 * may pass, it waits as its {@link ReconnectPolicy} says and connects again. It never reconnects
 * after the application closed it, through {@link #close} or through the {@link WebSocket} its
 * listener was given.
 *
 * <pre>{@code
 * ReconnectingWebSocket socket = client.reconnecting(ConnectOptions.of(uri), listener)
 *         .policy(ReconnectPolicy.defaults())
 *         .stateListener(new ReconnectListener() {
 *             public void onReconnectScheduled(int attempt, Duration delay) {
 *                 System.out.println("reconnecting in " + delay.toMillis() + " ms");
 *             }
 *         })
 *         .start();
 * socket.sendText("hello");   // sent now if open; with an outbox, kept until reconnected
 * socket.close();             // for good
 * }</pre>
 *
 * <p><b>Events.</b> The {@link WebSocketListener} sees every underlying connection as usual,
 * from {@code onOpen} to {@code onClose}; the {@link WebSocket} it is handed stands for that one
 * connection. The {@link ReconnectListener} sees what happens in between: attempts, scheduled
 * reconnects with their delays, the end.
 *
 * <p><b>Outbox</b> (off by default). With {@link Builder#outbox(int, long)}, messages sent while
 * disconnected wait, in order, bounded in number and bytes, and are sent first thing after the
 * next connection opens; a message that does not fit fails at once with
 * {@link OutboxFullException}, and waiting messages fail when the handle closes or gives up.
 * Know the trade-offs before relying on it: WebSocket has no acknowledgements, so a message
 * written just before a connection died may never have reached the server (it is not re-sent:
 * its future had completed), and an application that re-sends on its own may deliver it twice;
 * messages queued during a long outage arrive late, possibly out of date. Applications that
 * need exactly-once delivery add their own message ids and acknowledgements.
 *
 * <p>Every method may be called from any thread.
 */
public final class ReconnectingWebSocket {

    /** The handle's states. */
    public enum State {
        /** An attempt to open a connection is under way. */
        CONNECTING,
        /** A connection is open. */
        OPEN,
        /** Waiting for the policy's delay before the next attempt. */
        WAITING_TO_RECONNECT,
        /** For good: closed by the application, or given up. */
        CLOSED
    }

    /** What follows a disconnection. */
    private enum Outcome { RECONNECT, GIVE_UP, CLOSE }

    private final WebSocketClient client;
    private final ConnectOptions options;
    private final WebSocketListener listener;
    private final ReconnectPolicy policy;
    private final ReconnectListener events;
    private final Outbox outbox;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    // Guarded by this.
    private State state = State.CONNECTING;
    private int attempt;
    private ConnectionRelay relay;
    private CompletableFuture<WebSocket> connecting;
    private boolean closeRequested;
    private int closeCode = CloseCode.NORMAL_CLOSURE;
    private String closeReason = "";
    private long reconnectGeneration;
    private Disconnection lastDisconnection;

    private ReconnectingWebSocket(Builder builder) {
        this.client = builder.client;
        this.options = builder.options;
        this.listener = builder.listener;
        this.policy = builder.policy;
        this.events = builder.events;
        this.outbox = builder.outboxMessages > 0 ? new Outbox(builder.outboxMessages, builder.outboxBytes) : null;
    }

    // ------------------------------------------------------------- the application's side

    /**
     * Sends a text message on the open connection, or keeps it in the outbox while
     * disconnected.
     *
     * @param text the message
     * @return completes when written; fails with {@link IllegalStateException} once
     *     {@link #close} was called (even while the closing handshake is still under way) or
     *     when disconnected without an outbox, with {@link OutboxFullException} when the outbox
     *     is full, or as {@link WebSocket#sendText} fails
     */
    public CompletableFuture<Void> sendText(CharSequence text) {
        synchronized (this) {
            if (state == State.OPEN && !closeRequested && relay.isOpen()) {
                return relay.sendText(text);
            }
            return keep(() -> outbox.addText(text.toString()));
        }
    }

    /**
     * Sends a binary message on the open connection, or keeps it in the outbox while
     * disconnected.
     *
     * @param data the message, from position to limit; unchanged until the future completes
     * @return completes when written; fails as for {@link #sendText}
     */
    public CompletableFuture<Void> sendBinary(ByteBuffer data) {
        synchronized (this) {
            if (state == State.OPEN && !closeRequested && relay.isOpen()) {
                return relay.sendBinary(data);
            }
            return keep(() -> outbox.addBinary(data));
        }
    }

    private CompletableFuture<Void> keep(Supplier<CompletableFuture<Void>> intoOutbox) {
        if (state == State.CLOSED || closeRequested) {
            return CompletableFuture.failedFuture(new IllegalStateException("the WebSocket is closed"));
        }
        if (outbox == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "not connected (" + state + ") and no outbox configured"));
        }
        return intoOutbox.get();
    }

    /**
     * Closes for good: the open connection with a closing handshake, or the attempt under way,
     * or the wait for the next one. Nothing reconnects afterwards; waiting outbox messages fail.
     *
     * @param code a close code that may be sent (1000, 1001, 3000–4999, …)
     * @param reason at most 123 bytes of UTF-8, or ""
     * @return completes once the handle is {@link State#CLOSED}
     * @throws IllegalArgumentException when the code may not be sent or the reason is too long
     */
    public CompletableFuture<Void> close(int code, String reason) {
        String why = reason == null ? "" : reason;
        new CloseBody(code, why); // validates, as WebSocket.close does
        ConnectionRelay open = null;
        CompletableFuture<WebSocket> pending = null;
        boolean closedNow = false;
        synchronized (this) {
            if (state == State.CLOSED || closeRequested) {
                return closed;
            }
            closeRequested = true;
            closeCode = code;
            closeReason = why;
            switch (state) {
                case OPEN -> open = relay;
                case CONNECTING -> pending = connecting; // null until connect() stores it: it checks
                case WAITING_TO_RECONNECT -> {
                    reconnectGeneration++; // the timer finds itself outdated
                    terminate("the WebSocket was closed");
                    closedNow = true;
                }
                case CLOSED -> {
                    // handled above
                }
            }
        }
        if (open != null) {
            open.close(code, why);
        }
        if (pending != null) {
            pending.cancel(false);
        }
        if (closedNow) {
            events.onClosed();
            closed.complete(null);
        }
        return closed;
    }

    /**
     * Closes normally: {@code close(1000, "")}.
     *
     * @return completes once the handle is {@link State#CLOSED}
     */
    public CompletableFuture<Void> close() {
        return close(CloseCode.NORMAL_CLOSURE, "");
    }

    /**
     * The current state.
     *
     * @return the state
     */
    public synchronized State state() {
        return state;
    }

    /**
     * The open connection.
     *
     * @return the connection (the object its listener sees), or empty when not open
     */
    public synchronized Optional<WebSocket> current() {
        return state == State.OPEN ? Optional.of(relay) : Optional.empty();
    }

    /**
     * The number of messages waiting in the outbox.
     *
     * @return 0 without an outbox
     */
    public synchronized int outboxSize() {
        return outbox == null ? 0 : outbox.size();
    }

    /**
     * Completes when the handle is closed for good (by the application, or given up).
     *
     * @return the future
     */
    public CompletableFuture<Void> closeFuture() {
        return closed;
    }

    // ------------------------------------------------------------- connections come and go

    private void connect() {
        ConnectionRelay next;
        int number;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CONNECTING;
            next = new ConnectionRelay(this, listener);
            relay = next;
            number = attempt;
        }
        events.onConnecting(number);
        CompletableFuture<WebSocket> opening = client.connect(options, next);
        boolean cancel;
        synchronized (this) {
            if (relay == next && state == State.CONNECTING) {
                connecting = opening;
            }
            cancel = closeRequested;
        }
        if (cancel) {
            opening.cancel(false);
        }
        opening.whenComplete((socket, error) -> {
            if (error != null) {
                disconnected(next, new Disconnection(CloseCode.ABNORMAL_CLOSURE, "", connectFailure(error)));
            }
        });
    }

    /** Why an attempt failed; {@code error} is the attempt's own (whenComplete on it sees it unwrapped). */
    private Throwable connectFailure(Throwable error) {
        if (error instanceof CancellationException) {
            return new WebSocketConnectException(WebSocketConnectException.Reason.CANCELLED, options.uri(),
                    "the attempt was cancelled", error);
        }
        return error;
    }

    /** A connection opened (its relay calls this before the application's {@code onOpen}). */
    void opened(ConnectionRelay opened) {
        boolean closeNow;
        int code;
        String reason;
        synchronized (this) {
            if (opened != relay) {
                return;
            }
            closeNow = closeRequested;
            code = closeCode;
            reason = closeReason;
            if (!closeNow) {
                state = State.OPEN;
                attempt = 0;
                connecting = null;
                if (outbox != null) {
                    outbox.flushTo(opened); // before anything sent from now on
                }
            }
        }
        if (closeNow) {
            opened.close(code, reason); // closed while the attempt was finishing
            return;
        }
        events.onOpen(opened);
    }

    /** A connection ended, or an attempt failed (each relay reports this once). */
    void disconnected(ConnectionRelay ended, Disconnection why) {
        Outcome outcome;
        int number = 0;
        Duration delay = null;
        synchronized (this) {
            if (ended != relay) {
                return; // an outdated report (once CLOSED, relay is null)
            }
            relay = null;
            connecting = null;
            lastDisconnection = why;
            if (closeRequested || ended.closedByApplication()) {
                outcome = Outcome.CLOSE;
                terminate("the WebSocket was closed");
            } else if (client.isClosed() || !policy.shouldReconnect(why) || !policy.allowsAttempt(attempt + 1)) {
                outcome = Outcome.GIVE_UP;
                terminate("gave up reconnecting");
            } else {
                number = ++attempt;
                delay = policy.delay(number, ThreadLocalRandom.current());
                state = State.WAITING_TO_RECONNECT;
                outcome = scheduleReconnect(delay, ++reconnectGeneration) ? Outcome.RECONNECT : Outcome.GIVE_UP;
                if (outcome == Outcome.GIVE_UP) {
                    terminate("gave up reconnecting: the client is closed");
                }
            }
        }
        events.onDisconnected(why);
        switch (outcome) {
            case RECONNECT -> events.onReconnectScheduled(number, delay);
            case GIVE_UP -> events.onGaveUp(why);
            case CLOSE -> events.onClosed();
        }
        if (outcome != Outcome.RECONNECT) {
            closed.complete(null);
        }
    }

    private boolean scheduleReconnect(Duration delay, long generation) {
        EventLoop loop = client.loops().next();
        try {
            loop.execute(() -> loop.schedule(delay.toNanos(), () -> reconnectDue(generation)));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private void reconnectDue(long generation) {
        synchronized (this) {
            if (state != State.WAITING_TO_RECONNECT || generation != reconnectGeneration) {
                return;
            }
        }
        connect();
    }

    /** The client is closing: a handle waiting to reconnect gives up (its timer will not run). */
    void clientClosed() {
        Disconnection last;
        synchronized (this) {
            if (state != State.WAITING_TO_RECONNECT) {
                return; // attempts and connections end by themselves, and report it
            }
            reconnectGeneration++;
            terminate("gave up reconnecting: the client is closed");
            last = lastDisconnection;
        }
        events.onGaveUp(last);
        closed.complete(null);
    }

    /** Enters CLOSED for good. Holding the lock. */
    private void terminate(String why) {
        state = State.CLOSED;
        if (outbox != null) {
            outbox.failAll(new IllegalStateException(why));
        }
        client.forget(this);
    }

    // ------------------------------------------------------------- builder

    /** Configures a {@link ReconnectingWebSocket}; made by {@link WebSocketClient#reconnecting}. */
    public static final class Builder {
        private final WebSocketClient client;
        private final ConnectOptions options;
        private final WebSocketListener listener;
        private ReconnectPolicy policy = ReconnectPolicy.defaults();
        private ReconnectListener events = new ReconnectListener() {
        };
        private int outboxMessages;
        private long outboxBytes;

        Builder(WebSocketClient client, ConnectOptions options, WebSocketListener listener) {
            this.client = client;
            this.options = Objects.requireNonNull(options, "options");
            this.listener = Objects.requireNonNull(listener, "listener");
        }

        /**
         * When and how often to reconnect (default {@link ReconnectPolicy#defaults()}).
         *
         * @param reconnectPolicy the policy
         * @return this builder
         */
        public Builder policy(ReconnectPolicy reconnectPolicy) {
            this.policy = Objects.requireNonNull(reconnectPolicy);
            return this;
        }

        /**
         * Who is told about attempts, reconnects and the end (default: nobody).
         *
         * @param stateListener the listener
         * @return this builder
         */
        public Builder stateListener(ReconnectListener stateListener) {
            this.events = Objects.requireNonNull(stateListener);
            return this;
        }

        /**
         * Keeps messages sent while disconnected and sends them, in order, after the next
         * connection opens (default: off; such sends fail). Read the trade-offs in the class
         * comment first.
         *
         * @param maxMessages the most messages kept, at least 1
         * @param maxBytes the most bytes kept, at least 1 and at most the connections'
         *     {@code maxQueuedBytes} (so that the whole outbox fits the send queue)
         * @return this builder
         * @throws IllegalArgumentException when a limit is out of range
         */
        public Builder outbox(int maxMessages, long maxBytes) {
            if (maxMessages < 1 || maxBytes < 1) {
                throw new IllegalArgumentException("outbox limits must be positive");
            }
            if (maxBytes > client.settings().maxQueuedBytes()) {
                throw new IllegalArgumentException("the outbox (" + maxBytes + " bytes) must fit the send queue ("
                        + client.settings().maxQueuedBytes() + " bytes, maxQueuedBytes)");
            }
            this.outboxMessages = maxMessages;
            this.outboxBytes = maxBytes;
            return this;
        }

        /**
         * Creates the handle and starts the first connection attempt.
         *
         * @return the handle, {@link State#CONNECTING}
         */
        public ReconnectingWebSocket start() {
            ReconnectingWebSocket socket = new ReconnectingWebSocket(this);
            client.track(socket);
            socket.connect();
            return socket;
        }
    }
}
