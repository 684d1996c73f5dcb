package dev.wsnio.server;

import dev.wsnio.engine.WebSocketConnection;
import dev.wsnio.WebSocket;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server's open WebSocket connections and their topic subscriptions (named groups, like
 * rooms of a chat), safe to use from any thread. A connection leaves every topic when it closes.
 *
 * <p>It counts each topic's members and tells the {@link TopicBus} when a topic gets its first
 * and loses its last: inside the map's per-key update, so that for one topic these calls
 * alternate and never overlap, whatever threads join and leave.
 */
final class ConnectionRegistry {

    private final TopicBus bus;

    private final Set<WebSocketConnection> open = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Set<WebSocket>> topics = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<WebSocket, Set<String>> subscriptions = new ConcurrentHashMap<>();

    ConnectionRegistry(TopicBus bus) {
        this.bus = bus;
    }

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
        topics.compute(topic, (t, members) -> {
            if (members == null) {
                members = ConcurrentHashMap.newKeySet();
                bus.topicOpened(t);
            }
            members.add(socket);
            return members;
        });
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

    /**
     * The local members of every topic that has any.
     *
     * @return topic name to member count, a snapshot
     */
    Map<String, Integer> topicMembers() {
        Map<String, Integer> counts = new TreeMap<>();
        topics.forEach((topic, members) -> counts.put(topic, members.size()));
        return counts;
    }

    private void leave(WebSocket socket, String topic) {
        topics.computeIfPresent(topic, (t, members) -> {
            if (members.remove(socket) && members.isEmpty()) {
                bus.topicClosed(t);
                return null;
            }
            return members;
        });
    }
}
