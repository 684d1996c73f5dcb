package dev.wsnio.engine;

import dev.wsnio.ConnectionSettings;
import dev.wsnio.HeartbeatTimeoutException;
import dev.wsnio.MessageTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * The timers that watch an open WebSocket connection's peer, on the loop thread:
 * <ul>
 *   <li><b>message deadline</b>: a frame, or a message in fragments, must be complete within
 *       the message timeout of its first byte; a peer that trickles bytes is closed (1008);</li>
 *   <li><b>heartbeat</b>: a ping every interval (RFC 6455 §5.5.2: a ping "may serve as a
 *       keepalive"); a peer that sends nothing at all within the timeout after it is presumed
 *       dead;</li>
 *   <li><b>idle timeout</b>: a connection that received nothing for that long is closed.</li>
 * </ul>
 * Heartbeats find dead peers; the deadline finds slow ones (any byte counts as life for a
 * heartbeat, so it cannot). Each timer re-arms itself only when it fires, checking then the
 * times recorded as bytes arrived, so a connection has at most one timer of each kind and
 * receiving costs a clock read, not timer work. The phase makes this object only when a timer
 * is configured or a first message is left incomplete by a read.
 */
final class Liveness {

    private static final long NANOS_PER_MILLI = TimeUnit.MILLISECONDS.toNanos(1);

    private final WebSocketPhase phase;
    private final EventLoop loop;
    private final ConnectionSettings settings;
    private long lastReceivedNanos;
    private long pingSentNanos;
    /** When the incomplete frame or message began (as of the read that started it), or 0. */
    private long partialSinceNanos;
    /** Whole messages received, as of the last read. */
    private long messagesAtLastRead;
    private Timer heartbeat;
    private Timer idle;
    private Timer messageDeadline;

    Liveness(WebSocketPhase phase, EventLoop loop, ConnectionSettings settings) {
        this.phase = phase;
        this.loop = loop;
        this.settings = settings;
        this.lastReceivedNanos = System.nanoTime();
    }

    /** Starts the configured heartbeat and idle timers. */
    void start() {
        if (settings.heartbeatEnabled()) {
            heartbeat = loop.schedule(settings.heartbeatInterval().toNanos(), this::ping);
        }
        if (!settings.idleTimeout().isZero()) {
            idle = loop.schedule(settings.idleTimeout().toNanos(), this::checkIdle);
        }
    }

    /** Bytes arrived from the peer. */
    void received() {
        lastReceivedNanos = System.nanoTime();
    }

    /**
     * A read was processed.
     *
     * @param partial whether it left a frame or a fragmented message incomplete
     * @param messages whole messages received so far
     */
    void afterRead(boolean partial, long messages) {
        if (!partial) {
            partialSinceNanos = 0;
        } else if (partialSinceNanos == 0 || messages != messagesAtLastRead) {
            partialSinceNanos = System.nanoTime(); // a new one began in this read
            if (messageDeadline == null) {
                messageDeadline = loop.schedule(settings.messageTimeout().toNanos(), this::checkMessage);
            }
        }
        messagesAtLastRead = messages;
    }

    /** The connection closed: cancels every timer. */
    void stop() {
        cancel(heartbeat);
        cancel(idle);
        cancel(messageDeadline);
    }

    private static void cancel(Timer timer) {
        if (timer != null) {
            timer.cancel();
        }
    }

    private void checkMessage() {
        messageDeadline = null;
        if (partialSinceNanos == 0) {
            return; // complete meanwhile: armed again when the next one is left incomplete
        }
        long waited = System.nanoTime() - partialSinceNanos;
        long limit = settings.messageTimeout().toNanos();
        if (waited >= limit) {
            partialSinceNanos = 0;
            phase.messageTimedOut(new MessageTimeoutException(settings.messageTimeout()));
            return;
        }
        messageDeadline = loop.schedule(limit - waited, this::checkMessage);
    }

    private void ping() {
        pingSentNanos = System.nanoTime();
        if (phase.heartbeatPing(ByteBuffer.allocate(Long.BYTES).putLong(0, pingSentNanos))) {
            heartbeat = loop.schedule(settings.heartbeatTimeout().toNanos(), this::checkAnswer);
        }
    }

    private void checkAnswer() {
        if (lastReceivedNanos - pingSentNanos < 0) {
            phase.peerDead(new HeartbeatTimeoutException(settings.heartbeatTimeout())); // nothing since the ping
            return;
        }
        long untilNext = settings.heartbeatInterval().toNanos() - settings.heartbeatTimeout().toNanos();
        heartbeat = loop.schedule(Math.max(untilNext, NANOS_PER_MILLI), this::ping);
    }

    private void checkIdle() {
        long idleNanos = System.nanoTime() - lastReceivedNanos;
        long limit = settings.idleTimeout().toNanos();
        if (idleNanos >= limit) {
            phase.peerIdle();
            return;
        }
        idle = loop.schedule(limit - idleNanos, this::checkIdle);
    }
}
