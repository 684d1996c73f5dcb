package dev.wsnio.examples.chat;

import dev.wsnio.server.WebSocketServer;
import dev.wsnio.WebSocket;
import java.util.Objects;

/**
 * The chat's rooms as topics of the server ({@code room:NAME}): join and leave subscribe and
 * unsubscribe a connection, and a room's messages are published to its subscribers.
 *
 * <p>The server is bound after it is built, since the listener that uses the rooms is part of
 * the server's configuration.
 */
final class ChatRooms {

    private volatile WebSocketServer server;

    /**
     * Binds the rooms to their server, once.
     *
     * @param server the server whose topics are the rooms
     * @throws IllegalStateException when already bound
     */
    void bind(WebSocketServer server) {
        if (this.server != null) {
            throw new IllegalStateException("already bound to a server");
        }
        this.server = Objects.requireNonNull(server);
    }

    /**
     * Subscribes a connection to a room.
     *
     * @param socket the connection
     * @param room the room's name
     * @return whether it is subscribed (false when the connection has closed)
     */
    boolean join(WebSocket socket, String room) {
        return server.subscribe(socket, topic(room));
    }

    /**
     * Unsubscribes a connection from a room.
     *
     * @param socket the connection
     * @param room the room's name
     */
    void leave(WebSocket socket, String room) {
        server.unsubscribe(socket, topic(room));
    }

    /**
     * The number of connections in a room.
     *
     * @param room the room's name
     * @return the count
     */
    int members(String room) {
        return server.subscribers(topic(room)).size();
    }

    /**
     * Sends a message to everyone in a room.
     *
     * @param room the room's name
     * @param json the message
     */
    void publish(String room, String json) {
        server.publish(topic(room), json);
    }

    private static String topic(String room) {
        return "room:" + room;
    }
}
