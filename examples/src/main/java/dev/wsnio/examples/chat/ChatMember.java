package dev.wsnio.examples.chat;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The user behind a chat connection: the name chosen in the URL and the rooms joined. Attached
 * to the connection; touched only from that connection's callbacks, which never overlap.
 */
final class ChatMember {

    private final String name;
    private final Set<String> rooms = new LinkedHashSet<>();

    /**
     * Creates a member in no room.
     *
     * @param name the user's name
     */
    ChatMember(String name) {
        this.name = name;
    }

    /**
     * The user's name.
     *
     * @return the name given in the URL
     */
    String name() {
        return name;
    }

    /**
     * The rooms joined.
     *
     * @return a live, modifiable set, in the order joined
     */
    Set<String> rooms() {
        return rooms;
    }
}
