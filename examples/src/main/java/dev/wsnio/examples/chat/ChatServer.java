package dev.wsnio.examples.chat;

import dev.wsnio.examples.TimestampedLog;
import dev.wsnio.server.TopicBus;
import dev.wsnio.server.UpgradeDecision;
import dev.wsnio.server.WebSocketEndpoint;
import dev.wsnio.server.WebSocketServer;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A multi-room chat on one port: {@code GET /} serves the chat page (class path resources under
 * {@code web/chat/}), {@code /chat?name=NAME} upgrades to a WebSocket. Each room is a topic of
 * the server: joining subscribes the connection, and a message is published to the room's
 * subscribers, encoded once for all of them.
 */
public final class ChatServer {

    /** The largest message a client may send. */
    static final int MAX_MESSAGE_SIZE = 4 * 1024;

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}_.-]{1,32}");

    private ChatServer() {
    }

    /**
     * Configures a chat server (not started).
     *
     * @param host the address to listen on
     * @param port the port, 0 for any free one
     * @param log where joins, leaves and closes are printed
     * @return the server, to be started
     */
    public static WebSocketServer create(String host, int port, TimestampedLog log) {
        return create(host, port, log, TopicBus.inProcess());
    }

    /**
     * Configures a chat server (not started) whose rooms are shared with the other servers on
     * the same topic bus: a node of a chat fleet.
     *
     * @param host the address to listen on
     * @param port the port, 0 for any free one
     * @param log where joins, leaves and closes are printed
     * @param bus carries the rooms' messages to and from the other nodes
     * @return the server, to be started
     */
    public static WebSocketServer create(String host, int port, TimestampedLog log, TopicBus bus) {
        ChatRooms rooms = new ChatRooms();
        WebSocketServer server = WebSocketServer.builder()
                .host(host)
                .port(port)
                .topicBus(bus)
                .staticResources("/", "web/chat", ChatServer.class.getClassLoader())
                .staticResources("/lib/", "web/lib", ChatServer.class.getClassLoader())
                .websocket("/chat", WebSocketEndpoint.builder(new ChatListener(rooms, log))
                        .upgradeHook(request -> admit(request.queryParameters().first("name")))
                        .build())
                .maxMessageSize(MAX_MESSAGE_SIZE)
                .build();
        rooms.bind(server);
        return server;
    }

    private static UpgradeDecision admit(Optional<String> name) {
        if (name.isEmpty() || !NAME.matcher(name.get()).matches()) {
            return UpgradeDecision.reject(400, "a name of 1 to 32 letters, digits or _.- is required: /chat?name=NAME");
        }
        return UpgradeDecision.accept(new ChatMember(name.get()));
    }
}
