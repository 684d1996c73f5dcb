package dev.wsnio.client;

import java.util.Objects;
import java.util.Optional;

/**
 * Why a connection of a {@link ReconnectingWebSocket} ended, or why an attempt to open one
 * failed: what a {@link ReconnectPolicy} decides on and a {@link ReconnectListener} is told.
 *
 * @param closeCode the code as {@code onClose} reports it: the server's close code, 1005 when
 *     its close frame had none, or 1006 when no close frame arrived (a lost connection, a dead
 *     peer, a failed attempt)
 * @param closeReason the server's close reason, or ""
 * @param error what went wrong, or null for a clean closing handshake: the
 *     {@link WebSocketConnectException} of a failed attempt, or what the connection reported to
 *     {@code onError} (a {@link dev.wsnio.HeartbeatTimeoutException} for a dead peer,
 *     a {@link dev.wsnio.frame.WebSocketProtocolException}, an {@link java.io.IOException})
 */
public record Disconnection(int closeCode, String closeReason, Throwable error) {

    /**
     * Checks the parts.
     *
     * @param closeCode the close code
     * @param closeReason the close reason, not null
     * @param error the error, or null
     */
    public Disconnection {
        Objects.requireNonNull(closeReason, "closeReason");
    }

    /**
     * The failure of an attempt that never opened.
     *
     * @return the attempt's error, or empty when an open connection closed
     */
    public Optional<WebSocketConnectException> connectFailure() {
        return error instanceof WebSocketConnectException failure ? Optional.of(failure) : Optional.empty();
    }
}
