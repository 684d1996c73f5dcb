package dev.wsnio;

import dev.wsnio.frame.CloseCode;
import dev.wsnio.frame.FrameTap;
import dev.wsnio.frame.MessageType;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * An open WebSocket connection, server or client side: what an application holds to send
 * messages and close the connection. Its events arrive at the {@link WebSocketListener} the
 * connection was opened with.
 *
 * <p><b>Threads.</b> Every method may be called from any thread. Sends are queued in the order
 * they are called and written by the connection's event loop; each returns a future that
 * completes when the frame's bytes were handed to the operating system (not when the peer
 * received them: WebSocket has no acknowledgements), or completes exceptionally when the
 * message could not be sent. The text and binary sends also come with a {@link SendCallback}
 * instead of a future: the same outcome, told to a callback, and no object made per send when
 * the send is made on the event loop (in a listener callback): the steady path of a server that
 * answers what it receives.
 *
 * <p><b>Backpressure.</b> {@link #bufferedAmount()} tells how many bytes are queued and not yet
 * written, like the browser's {@code WebSocket.bufferedAmount}. When a send would take it past
 * the connection's {@code maxQueuedBytes}, the send fails at once with
 * {@link SendQueueFullException} instead of growing the queue (a message larger than the limit
 * is still accepted when nothing is queued). While the queue is above its limit, the connection
 * also stops reading from the peer, so a peer that does not read our replies cannot make us
 * buffer without bound.
 *
 * <p><b>Buffers.</b> A {@link ByteBuffer} passed to a send is sent from its position to its
 * limit; it must not be modified until the returned future completes (or the callback is told).
 * Its position is not changed. One exception: a buffer a listener callback was lent (the
 * {@code data} of {@code onBinary}, {@code onMessagePart}, {@code onPing}, {@code onPong} when
 * callbacks run on the event loop, valid only during the call) may be passed to any send made
 * during that callback, to this connection or another: such a send takes the bytes it needs
 * before it returns, so an echo or a relay needs no copy of its own. After the callback returns,
 * the lent buffer must not be used.
 */
public interface WebSocket {

    /** 1000 (RFC 6455 §7.4.1): normal closure, the purpose of the connection is fulfilled. */
    int NORMAL_CLOSURE = CloseCode.NORMAL_CLOSURE;
    /** 1001: going away, as a server that shuts down or a browser that leaves the page. */
    int GOING_AWAY = CloseCode.GOING_AWAY;
    /** 1008: the peer broke a policy of this endpoint (a generic code when no other fits). */
    int POLICY_VIOLATION = CloseCode.POLICY_VIOLATION;
    /** 1009: a message too big to process. */
    int MESSAGE_TOO_BIG = CloseCode.MESSAGE_TOO_BIG;
    /** 1011: an unexpected condition on this side prevents it from going on. */
    int INTERNAL_ERROR = CloseCode.INTERNAL_ERROR;
    /** 1012: the service restarts; a client may reconnect (RFC 6455 registry, IANA). */
    int SERVICE_RESTART = CloseCode.SERVICE_RESTART;
    /** 1013: try again later; the service is overloaded (IANA registry). */
    int TRY_AGAIN_LATER = CloseCode.TRY_AGAIN_LATER;
    /** 1005, reported to {@code onClose}, never sent: the peer's close frame had no code. */
    int NO_STATUS_RECEIVED = CloseCode.NO_STATUS_RECEIVED;
    /** 1006, reported to {@code onClose}, never sent: no close frame came; the connection was lost. */
    int ABNORMAL_CLOSURE = CloseCode.ABNORMAL_CLOSURE;

    /**
     * Sends a text message.
     *
     * @param text the message; encoded as UTF-8 (an unpaired surrogate becomes '?')
     * @return completes when the message was written, or exceptionally with
     *     {@link SendQueueFullException} or {@link IllegalStateException} (not open)
     */
    CompletableFuture<Void> sendText(CharSequence text);

    /**
     * Sends a binary message.
     *
     * @param data the message, from position to limit; not to be modified until the future
     *     completes
     * @return completes when the message was written, or exceptionally as for
     *     {@link #sendText}
     */
    CompletableFuture<Void> sendBinary(ByteBuffer data);

    /**
     * Sends a text message and tells a callback how it ended, instead of returning a future.
     *
     * @param text the message; encoded as UTF-8 (an unpaired surrogate becomes '?')
     * @param callback told once: null when written, else the failure as for
     *     {@link #sendText(CharSequence)}; {@link SendCallback#NONE} to be told nothing
     */
    default void sendText(CharSequence text, SendCallback callback) {
        sendText(text).whenComplete((written, failure) -> callback.completed(failure));
    }

    /**
     * Sends a binary message and tells a callback how it ended, instead of returning a future.
     *
     * @param data the message, from position to limit; not to be modified until the callback is
     *     told (but see <b>Buffers</b> above for a buffer a callback was lent)
     * @param callback told once: null when written, else the failure as for
     *     {@link #sendBinary(ByteBuffer)}; {@link SendCallback#NONE} to be told nothing
     */
    default void sendBinary(ByteBuffer data, SendCallback callback) {
        sendBinary(data).whenComplete((written, failure) -> callback.completed(failure));
    }

    /**
     * Sends one fragment of a message (RFC 6455 §5.4), for messages too large to hold at once
     * or produced piece by piece. The first call starts a message of the given type; calls up to
     * and including the one with {@code last} set continue it. Whole-message sends made while a
     * fragmented message is in progress fail with {@link IllegalStateException}: only one
     * message is on the wire at a time. Control frames (ping, pong, close) may go between
     * fragments.
     *
     * @param type the message's type, the same for all its fragments
     * @param data this fragment's bytes (text fragments may split a character)
     * @param last whether this fragment ends the message
     * @return completes when the fragment was written
     */
    CompletableFuture<Void> sendFragment(MessageType type, ByteBuffer data, boolean last);

    /**
     * Sends a ping (RFC 6455 §5.5.2); the peer answers with a pong carrying the same data.
     *
     * @param data at most 125 bytes (copied)
     * @return completes when the ping was written
     * @throws IllegalArgumentException when {@code data} is longer than 125 bytes
     */
    CompletableFuture<Void> ping(ByteBuffer data);

    /**
     * Sends an unsolicited pong (RFC 6455 §5.5.3), a one-way heartbeat.
     *
     * @param data at most 125 bytes (copied)
     * @return completes when the pong was written
     * @throws IllegalArgumentException when {@code data} is longer than 125 bytes
     */
    CompletableFuture<Void> pong(ByteBuffer data);

    /**
     * Starts the closing handshake (RFC 6455 §7.1.2): everything sent before is written first,
     * then a close frame; the connection then waits for the peer's close frame (at most the close
     * timeout) and closes TCP. Calling it again, or after the peer closed, does nothing more.
     *
     * @param code a code that may be sent (1000, 1001, 1002, 1003, 1007–1014, 3000–4999)
     * @param reason at most 123 bytes of UTF-8, or ""
     * @return completes when the TCP connection is closed (after the listener's
     *     {@code onClose})
     * @throws IllegalArgumentException when the code may not be sent or the reason is too long
     */
    CompletableFuture<Void> close(int code, String reason);

    /**
     * Closes normally: {@code close(1000, "")}.
     *
     * @return completes when the TCP connection is closed
     */
    default CompletableFuture<Void> close() {
        return close(CloseCode.NORMAL_CLOSURE, "");
    }

    /**
     * Closes the TCP connection at once, without a closing handshake; queued messages are
     * dropped and their futures fail. The listener sees {@code onClose} with 1006.
     */
    void abort();

    /**
     * Bytes accepted by sends and not yet written to the socket.
     *
     * @return the number of bytes queued, 0 when everything was written
     */
    long bufferedAmount();

    /**
     * Whether messages can be sent: open, and no close frame sent or received.
     *
     * @return true until a close frame is sent or received, or the connection closes
     */
    boolean isOpen();

    /**
     * The opening handshake's request: path and query parameters (such as {@code ?uid=}), the
     * peer's address and, on a server, the header fields the endpoint keeps
     * ({@code WebSocketEndpoint.Builder.keepHeaders}); on a client, the whole request it sent.
     *
     * @return the request of the opening handshake
     */
    UpgradeRequest request();

    /**
     * The subprotocol agreed in the opening handshake, or {@code ""} for none.
     *
     * @return the subprotocol, or the empty string
     */
    String subprotocol();

    /**
     * The extensions agreed in the opening handshake, as sent in the header, or {@code ""}.
     *
     * @return the {@code Sec-WebSocket-Extensions} value of the response, or the empty string
     */
    String extensions();

    /**
     * The peer's address.
     *
     * @return the peer's IP address and port
     */
    InetSocketAddress remoteAddress();

    /**
     * This end's address.
     *
     * @return the local IP address and port
     */
    InetSocketAddress localAddress();

    /**
     * The application's object attached to this connection (for instance the user behind it).
     *
     * @param <T> the type the caller expects
     * @return the attachment, or null
     */
    <T> T attachment();

    /**
     * Attaches an application object to this connection, replacing any earlier one.
     *
     * @param attachment the object, or null to clear it
     */
    void attach(Object attachment);

    /**
     * Shows this connection's frames, both ways, to a tap, as its codec reads and writes them:
     * for debuggers and frame inspectors (the demo's live view uses it). The tap takes effect on
     * the connection's event loop (at once when called there, shortly after this call returns
     * otherwise) and is told so by {@link FrameTap#onAttached}: every frame after that is shown.
     * It is called on the connection's event loop and must not block. Frames of a broadcast, encoded
     * once for many connections, bypass the codec and are not shown.
     *
     * @param tap the tap, or {@link FrameTap#NONE} (the default, which costs nothing) to stop
     */
    void tap(FrameTap tap);
}
