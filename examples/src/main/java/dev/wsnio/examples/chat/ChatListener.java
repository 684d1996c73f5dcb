package dev.wsnio.examples.chat;

import dev.wsnio.examples.JsonObject;
import dev.wsnio.examples.TimestampedLog;
import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The chat protocol. A client sends lines of text:
 * <ul>
 *   <li>{@code join ROOM}: enter a room (and receive its messages);</li>
 *   <li>{@code leave ROOM}: leave it;</li>
 *   <li>{@code say ROOM TEXT}: send TEXT to everyone in a room one has joined.</li>
 * </ul>
 * The server sends JSON objects: {@code welcome} on open; {@code joined} and {@code left}
 * (with the room's member count) and {@code message} to everyone in the room; {@code error} to
 * the sender of a line it cannot act on.
 */
final class ChatListener implements WebSocketListener {

    /** The rooms a member may be in at once. */
    static final int MAX_ROOMS_PER_MEMBER = 10;
    /** The longest text of a {@code say}. */
    static final int MAX_TEXT_LENGTH = 1000;

    private static final Pattern ROOM = Pattern.compile("[a-z0-9-]{1,32}");

    private final ChatRooms rooms;
    private final TimestampedLog log;

    /**
     * Creates the listener.
     *
     * @param rooms the rooms
     * @param log where joins and leaves are printed
     */
    ChatListener(ChatRooms rooms, TimestampedLog log) {
        this.rooms = rooms;
        this.log = log;
    }

    @Override
    public void onOpen(WebSocket socket) {
        ChatMember member = socket.attachment();
        log.println("open  " + member.name() + " from " + socket.remoteAddress());
        socket.sendText(new JsonObject().field("type", "welcome").field("name", member.name()).toString());
    }

    @Override
    public void onText(WebSocket socket, String line) {
        String[] parts = line.split(" ", 3);
        String verb = parts[0];
        String room = parts.length > 1 ? parts[1] : "";
        switch (verb) {
            case "join" -> join(socket, room);
            case "leave" -> leave(socket, room);
            case "say" -> say(socket, room, parts.length > 2 ? parts[2] : "");
            default -> error(socket, "unknown command '" + verb + "': use join ROOM, leave ROOM or say ROOM TEXT");
        }
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason) {
        ChatMember member = socket.attachment();
        for (String room : List.copyOf(member.rooms())) {
            leave(socket, room);
        }
        log.println("close " + member.name() + " " + code);
    }

    private void join(WebSocket socket, String room) {
        ChatMember member = socket.attachment();
        if (!ROOM.matcher(room).matches()) {
            error(socket, "a room name is 1 to 32 of a-z, 0-9 and -");
        } else if (member.rooms().contains(room)) {
            error(socket, "already in " + room);
        } else if (member.rooms().size() >= MAX_ROOMS_PER_MEMBER) {
            error(socket, "at most " + MAX_ROOMS_PER_MEMBER + " rooms at once");
        } else if (rooms.join(socket, room)) {
            member.rooms().add(room);
            log.println("join  " + member.name() + " " + room);
            rooms.publish(room, membership("joined", room, member));
        }
    }

    private void leave(WebSocket socket, String room) {
        ChatMember member = socket.attachment();
        if (!member.rooms().remove(room)) {
            error(socket, "not in " + room);
            return;
        }
        rooms.leave(socket, room);
        log.println("leave " + member.name() + " " + room);
        rooms.publish(room, membership("left", room, member));
    }

    private void say(WebSocket socket, String room, String text) {
        ChatMember member = socket.attachment();
        if (!member.rooms().contains(room)) {
            error(socket, "join " + room + " before saying something there");
        } else if (text.isBlank()) {
            error(socket, "nothing to say");
        } else if (text.length() > MAX_TEXT_LENGTH) {
            error(socket, "at most " + MAX_TEXT_LENGTH + " characters per message");
        } else {
            rooms.publish(room, new JsonObject().field("type", "message").field("room", room)
                    .field("user", member.name()).field("text", text).toString());
        }
    }

    private String membership(String type, String room, ChatMember member) {
        return new JsonObject().field("type", type).field("room", room).field("user", member.name())
                .field("members", rooms.members(room)).toString();
    }

    private static void error(WebSocket socket, String text) {
        if (socket.isOpen()) {
            socket.sendText(new JsonObject().field("type", "error").field("text", text).toString());
        }
    }
}
