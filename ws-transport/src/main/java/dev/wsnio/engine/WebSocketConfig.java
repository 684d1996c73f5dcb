package dev.wsnio.engine;

import dev.wsnio.ConnectionSettings;
import dev.wsnio.WebSocketListener;
import dev.wsnio.frame.Role;
import java.util.Objects;

/**
 * What every WebSocket connection of one endpoint shares: its side, its settings, its listener,
 * and who tracks its connections. Made once per endpoint (a server route) or per
 * {@code connect} call, not once per connection.
 *
 * @param role server or client
 * @param settings limits, timeouts and callback threading
 * @param listener the application's listener
 * @param tracker told when a connection opens and closes, before the listener
 */
public record WebSocketConfig(Role role, ConnectionSettings settings, WebSocketListener listener,
                              ConnectionTracker tracker) {

    /**
     * Checks the components.
     *
     * @param role server or client
     * @param settings limits, timeouts and callback threading
     * @param listener the application's listener
     * @param tracker told when a connection opens and closes
     * @throws NullPointerException when a component is null
     */
    public WebSocketConfig {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(tracker, "tracker");
    }
}
