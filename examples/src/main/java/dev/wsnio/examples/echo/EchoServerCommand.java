package dev.wsnio.examples.echo;

import dev.wsnio.examples.Arguments;
import dev.wsnio.examples.Command;
import dev.wsnio.examples.DisplayAddress;
import dev.wsnio.examples.Main;
import dev.wsnio.examples.Option;
import dev.wsnio.examples.ShutdownSignal;
import dev.wsnio.examples.Terminal;
import dev.wsnio.examples.TlsKeyStore;
import dev.wsnio.server.WebSocketServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/** {@code echo-server}: the testee for the Autobahn|Testsuite and for load tools. */
public final class EchoServerCommand implements Command {

    private static final Duration STOP_GRACE = Duration.ofSeconds(2);

    /** Creates the command. */
    public EchoServerCommand() {
    }

    @Override
    public String name() {
        return "echo-server";
    }

    @Override
    public String summary() {
        return "echoes every message: the testee for Autobahn|Testsuite and load tools";
    }

    @Override
    public String synopsis() {
        return "[--port PORT] [--host HOST] [--max-message-mib MIB] [--tls-keystore FILE --tls-password PASS]";
    }

    @Override
    public String description() {
        return """
                Accepts WebSocket connections on ws://HOST:PORT/ and sends every text and binary
                message back unchanged, compressed with permessage-deflate when the client offers it
                (RFC 7692). Limits are raised for conformance and load testing: messages
                and frames up to --max-message-mib, up to 1,048,576 fragments per message, 128 MiB of
                queued output per connection; no heartbeat. With --tls-keystore (a PKCS#12 file), it
                serves wss:// instead. Ctrl-C stops the server gracefully.
                """;
    }

    @Override
    public List<Option> options() {
        List<Option> options = new ArrayList<>(List.of(
                Option.value("port", "PORT", "port to listen on, 0 for any free one", "9001"),
                Option.value("host", "HOST", "address to listen on", "127.0.0.1"),
                Option.value("max-message-mib", "MIB", "largest message and frame accepted, in MiB",
                        String.valueOf(EchoServer.DEFAULT_MAX_MESSAGE_SIZE >> 20))));
        options.addAll(TlsKeyStore.options());
        return options;
    }

    @Override
    public int run(Arguments arguments, Terminal terminal) throws Exception {
        long maxMessageSize = (long) arguments.integer("max-message-mib", 1, 2047) << 20;
        Optional<SSLContext> tls = TlsKeyStore.serverContext(arguments);
        WebSocketServer server = EchoServer.create(arguments.value("host"), arguments.port("port"),
                Math.min(maxMessageSize, Integer.MAX_VALUE - 8), tls).start();
        terminal.out().println("echo-server listening on " + (tls.isPresent() ? "wss" : "ws") + "://"
                + DisplayAddress.of(server.address()) + "/");
        ShutdownSignal.awaitThen(() -> {
            server.stop(STOP_GRACE);
            terminal.out().println("stopped");
        });
        return Main.SUCCESS;
    }
}
