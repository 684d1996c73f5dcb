package dev.wsnio.examples.chat;

import dev.wsnio.examples.Arguments;
import dev.wsnio.examples.Command;
import dev.wsnio.examples.DisplayAddress;
import dev.wsnio.examples.Main;
import dev.wsnio.examples.Option;
import dev.wsnio.examples.ShutdownSignal;
import dev.wsnio.examples.Terminal;
import dev.wsnio.examples.TimestampedLog;
import dev.wsnio.server.WebSocketServer;
import java.time.Duration;
import java.util.List;

/** {@code chat}: a multi-room chat page and server, rooms being the server's topics. */
public final class ChatCommand implements Command {

    private static final Duration STOP_GRACE = Duration.ofSeconds(2);

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
        return "[--port PORT] [--host HOST]";
    }

    @Override
    public String description() {
        return """
                Serves a chat page on GET / and its WebSocket on /chat?name=NAME. Clients send
                'join ROOM', 'leave ROOM' and 'say ROOM TEXT'; each room is a topic of the server,
                so a message is encoded once and sent to the room's members only. Open the page in
                two browser windows to talk to yourself. Ctrl-C stops the server gracefully.
                """;
    }

    @Override
    public List<Option> options() {
        return List.of(
                Option.value("port", "PORT", "port to listen on, 0 for any free one", "3001"),
                Option.value("host", "HOST", "address to listen on", "127.0.0.1"));
    }

    @Override
    public int run(Arguments arguments, Terminal terminal) throws Exception {
        WebSocketServer server = ChatServer.create(arguments.value("host"), arguments.port("port"),
                new TimestampedLog(terminal.out())).start();
        terminal.out().println("wsnio chat: WebSocket on /chat?name=NAME");
        terminal.out().println("Open http://" + DisplayAddress.of(server.address()) + "/ in a browser (Ctrl-C stops the server)");
        Throwable failure = ShutdownSignal.awaitThen(server.stopped(), () -> {
            server.stop(STOP_GRACE);
            terminal.out().println("stopped");
        });
        if (failure != null) {
            terminal.err().println("error: the server stopped after a failure: " + failure);
            return Main.FAILURE;
        }
        return Main.SUCCESS;
    }
}
