package dev.wsnio.server;

import dev.wsnio.engine.WebSocketConnection;
import dev.wsnio.WebSocket;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's open WebSocket connections and their topic subscriptions (named groups, like
 * rooms of a chat), safe to use from any thread. A connection leaves every topic when it closes.
 */
final class ConnectionRegistry {

    private final Set<WebSocketConnection> open = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Set<WebSocket>> topics = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<WebSocket, Set<String>> subscriptions = new ConcurrentHashMap<>();

    void add(WebSocketConnection connection) {
        open.add(connection);
    }

    void remove(WebSocketConnection connection) {
        open.remove(connection);
        Set<String> subscribed = subscriptions.remove(connection);
        if (subscribed != null) {
            for (String topic : subscribed) {
                leave(connection, topic);
            }
        }
    }

    Collection<WebSocketConnection> connections() {
        return Collections.unmodifiableSet(open);
    }

    int size() {
        return open.size();
    }

    boolean subscribe(WebSocket socket, String topic) {
        if (!open.contains(socket)) {
            return false;
        }
        subscriptions.computeIfAbsent(socket, s -> ConcurrentHashMap.newKeySet()).add(topic);
        topics.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet()).add(socket);
        if (!open.contains(socket)) { // closed meanwhile: undo, remove() may have run already
            unsubscribe(socket, topic);
            return false;
        }
        return true;
    }

    boolean unsubscribe(WebSocket socket, String topic) {
        Set<String> subscribed = subscriptions.get(socket);
        boolean was = subscribed != null && subscribed.remove(topic);
        leave(socket, topic);
        return was;
    }

    Set<WebSocket> subscribers(String topic) {
        Set<WebSocket> members = topics.get(topic);
        return members == null ? Set.of() : Collections.unmodifiableSet(members);
    }

    Set<String> topicsOf(WebSocket socket) {
        Set<String> subscribed = subscriptions.get(socket);
        return subscribed == null ? Set.of() : Collections.unmodifiableSet(subscribed);
    }

    private void leave(WebSocket socket, String topic) {
        topics.computeIfPresent(topic, (t, members) -> {
            members.remove(socket);
            return members.isEmpty() ? null : members;
        });
    }
}
