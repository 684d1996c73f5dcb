package dev.wsnio.engine;

import dev.wsnio.frame.CloseBody;
import dev.wsnio.frame.WebSocketSession;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * How a WebSocket connection ends, as RFC 6455 §7 has it, on the loop thread:
 * <ul>
 *   <li>after a complete closing handshake a server closes TCP at once, and a client waits (up
 *       to the close timeout) for the server to do it (§7.1.1);</li>
 *   <li>after a protocol error either side has sent its close frame; it half-closes (FIN after
 *       the frame) and waits for the peer's end of stream, or the close timeout, so that its
 *       last frame is not destroyed by a reset (§7.1.7);</li>
 *   <li>once a close frame is sent, the close timeout bounds the wait for the peer's.</li>
 * </ul>
 */
final class ClosingHandshake {

    private static final System.Logger LOG = System.getLogger(ClosingHandshake.class.getName());

    private final Connection connection;
    private final WebSocketSession session;
    private final Duration closeTimeout;
    private Timer closeTimer;

    ClosingHandshake(Connection connection, WebSocketSession session, Duration closeTimeout) {
        this.connection = connection;
        this.session = session;
        this.closeTimeout = closeTimeout;
    }

    /**
     * Starts the closing handshake (§7.1.2): the close frame goes out after everything queued.
     *
     * @param body the code and reason
     * @return whether a close frame was sent (false once one was sent or received)
     */
    boolean start(CloseBody body) {
        if (!session.close(body)) {
            return false;
        }
        armTimer();
        return true;
    }

    /** The session reached CLOSED: close or half-close TCP. */
    void sessionClosed() {
        if (session.failure() != null) {
            connection.shutdownOutputAfterFlush();
            armTimer();
        } else if (session.shouldCloseTransport()) {
            connection.closeAfterFlush(); // a server, once the handshake is complete
        } else {
            armTimer(); // a client waits for the server's TCP close
        }
    }

    /** The connection closed: the timer has nothing left to do. */
    void connectionClosed() {
        if (closeTimer != null) {
            closeTimer.cancel();
        }
    }

    private void armTimer() {
        if (closeTimer == null && !connection.isClosed()) {
            closeTimer = connection.loop().schedule(closeTimeout.toNanos(), () -> {
                LOG.log(Level.DEBUG, "{0}: close timeout, closing TCP", connection.remoteAddress());
                connection.abort(null);
            });
        }
    }
}
