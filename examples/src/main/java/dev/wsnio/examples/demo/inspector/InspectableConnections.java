package dev.wsnio.examples.demo.inspector;

import dev.wsnio.WebSocket;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open dashboard connections, each registered with a fresh secret token so that only its
 * own page can subscribe to its frames ({@link InspectorHook}). Thread-safe.
 */
public final class InspectableConnections {

    private static final int TOKEN_BYTES = 16;

    private final SecureRandom random = new SecureRandom();
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Inspectable> byId = new ConcurrentHashMap<>();
    private final Map<WebSocket, Inspectable> bySocket = new ConcurrentHashMap<>();

    /** Creates an empty registry. */
    public InspectableConnections() {
    }

    /**
     * Registers a dashboard connection that has just opened.
     *
     * @param socket the connection
     * @param uid the page's user id
     * @return its entry, whose {@link Inspectable#credentials()} go to the page
     */
    public Inspectable register(WebSocket socket, String uid) {
        byte[] token = new byte[TOKEN_BYTES];
        random.nextBytes(token);
        Inspectable entry = new Inspectable(ids.incrementAndGet(), uid, token, socket);
        byId.put(entry.id(), entry);
        bySocket.put(socket, entry);
        return entry;
    }

    /**
     * Forgets a connection that has closed and ends its inspection, if any.
     *
     * @param socket the connection
     */
    public void closed(WebSocket socket) {
        Inspectable entry = bySocket.remove(socket);
        if (entry != null) {
            byId.remove(entry.id());
            entry.closed();
        }
    }

    /**
     * The connection a subscription names, if its user id and token match.
     *
     * @param id the connection's number
     * @param uid the user id
     * @param token the token
     * @return the connection, or empty when any of the three does not match
     */
    Optional<Inspectable> find(long id, String uid, byte[] token) {
        return Optional.ofNullable(byId.get(id)).filter(entry -> entry.admits(uid, token));
    }
}
