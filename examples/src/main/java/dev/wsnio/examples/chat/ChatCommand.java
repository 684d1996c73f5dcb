package dev.wsnio.examples.chat;

import dev.wsnio.examples.Arguments;
import dev.wsnio.examples.Command;
import dev.wsnio.examples.DisplayAddress;
import dev.wsnio.examples.Main;
import dev.wsnio.examples.Option;
import dev.wsnio.examples.ShutdownSignal;
import dev.wsnio.examples.Terminal;
import dev.wsnio.examples.TimestampedLog;
import dev.wsnio.cluster.redis.RedisTopicBus;
import dev.wsnio.server.StopReason;
import dev.wsnio.server.TopicBus;
import dev.wsnio.server.WebSocketServer;
import java.time.Duration;
import java.util.List;

/** {@code chat}: a multi-room chat page and server, rooms being the server's topics. */
public final class ChatCommand implements Command {

    private static final Duration STOP_GRACE = Duration.ofSeconds(2);
    private static final Duration CLUSTER_WAIT = Duration.ofSeconds(15);

    /** Creates the command. */
    public ChatCommand() {
    }

    @Override
    public String name() {
        return "chat";
    }

    @Override
    public String summary() {
        return "multi-room chat: rooms are the server's publish/subscribe topics";
    }

    @Override
    public String synopsis() {
        return "[--port PORT] [--host HOST] [--cluster redis://HOST:PORT]";
    }

    @Override
    public String description() {
        return """
                Serves a chat page on GET / and its WebSocket on /chat?name=NAME. Clients send
                'join ROOM', 'leave ROOM' and 'say ROOM TEXT'; each room is a topic of the server,
                so a message is encoded once and sent to the room's members only. Open the page in
                two browser windows to talk to yourself. Ctrl-C stops the server gracefully.

                With --cluster, the rooms are shared by every node started with the same Redis:
                start two nodes on two ports and members of a room on either talk to each other
                (the member counts in 'joined' and 'left' are this node's). Without it the chat
                is a single server, as before.
                """;
    }

    @Override
    public List<Option> options() {
        return List.of(
                Option.value("port", "PORT", "port to listen on, 0 for any free one", "3001"),
                Option.value("host", "HOST", "address to listen on", "127.0.0.1"),
                Option.value("cluster", "URL", "share the rooms with other nodes through this Redis "
                        + "(redis://HOST:PORT, rediss://, password and database as in redis://:PASSWORD@HOST:PORT/DB)", null));
    }

    @Override
    public int run(Arguments arguments, Terminal terminal) throws Exception {
        String cluster = arguments.value("cluster");
        RedisTopicBus redis = cluster == null ? null : RedisTopicBus.builder(cluster).build();
        TopicBus bus = redis == null ? TopicBus.inProcess() : redis;
        WebSocketServer server = ChatServer.create(arguments.value("host"), arguments.port("port"),
                new TimestampedLog(terminal.out()), bus).start();
        terminal.out().println("wsnio chat: WebSocket on /chat?name=NAME");
        if (redis != null) {
            terminal.out().println(redis.awaitConnected(CLUSTER_WAIT)
                    ? "rooms shared through Redis at " + cluster + " (" + redis.stats().mode().orElseThrow() + " pub/sub)"
                    : "Redis at " + cluster + " not reachable yet: rooms stay on this node until it is");
        }
        terminal.out().println("Open http://" + DisplayAddress.of(server.address()) + "/ in a browser (Ctrl-C stops the server)");
        ShutdownSignal.awaitThen(() -> {
            server.stop(STOP_GRACE, redis == null ? StopReason.SHUTDOWN : StopReason.RESTART);
            terminal.out().println("stopped");
        });
        return Main.SUCCESS;
    }
}
