package dev.wsnio.engine;

import dev.wsnio.ConnectionSettings;
import dev.wsnio.HeartbeatTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * The timers that watch an open WebSocket connection's peer, on the loop thread:
 * <ul>
 *   <li><b>heartbeat</b>: a ping every interval (RFC 6455 §5.5.2: a ping "may serve as a
 *       keepalive"); a peer that sends nothing at all within the timeout after it is presumed
 *       dead;</li>
 *   <li><b>idle timeout</b>: a connection that received nothing for that long is closed.</li>
 * </ul>
 * Each timer re-arms itself only when it fires (it checks the time of the last byte received
 * then), so receiving costs a clock read and no timer work.
 */
final class Liveness {

    private static final long NANOS_PER_MILLI = TimeUnit.MILLISECONDS.toNanos(1);

    private final EventLoop loop;
    private final ConnectionSettings settings;
    private final WebSocketPhase phase;
    private long lastReceivedNanos;
    private long pingSentNanos;
    private Timer heartbeat;
    private Timer idle;

    Liveness(EventLoop loop, ConnectionSettings settings, WebSocketPhase phase) {
        this.loop = loop;
        this.settings = settings;
        this.phase = phase;
    }

    /** Starts the configured timers. */
    void start() {
        lastReceivedNanos = System.nanoTime();
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

    /** The connection closed: cancels every timer. */
    void stop() {
        cancel(heartbeat);
        cancel(idle);
    }

    private static void cancel(Timer timer) {
        if (timer != null) {
            timer.cancel();
        }
    }

    private void ping() {
        pingSentNanos = System.nanoTime();
        if (phase.heartbeatPing(ByteBuffer.allocate(Long.BYTES).putLong(0, pingSentNanos))) {
            heartbeat = loop.schedule(settings.heartbeatTimeout().toNanos(), this::checkAnswer);
        }
    }

    private void checkAnswer() {
        if (lastReceivedNanos - pingSentNanos < 0) {
            phase.peerDead(new HeartbeatTimeoutException(settings.heartbeatTimeout())); // nothing at all since the ping
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
