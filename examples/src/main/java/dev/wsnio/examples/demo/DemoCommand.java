package dev.wsnio.examples.demo;

import dev.wsnio.examples.Arguments;
import dev.wsnio.examples.Command;
import dev.wsnio.examples.DisplayAddress;
import dev.wsnio.examples.Main;
import dev.wsnio.examples.Option;
import dev.wsnio.examples.ShutdownSignal;
import dev.wsnio.examples.Terminal;
import dev.wsnio.examples.TimestampedLog;
import dev.wsnio.examples.TlsKeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/** {@code demo}: the live dashboard of the notes, HTTP and WebSocket on one port. */
public final class DemoCommand implements Command {

    /** How long a stopping server waits for the pages' closing handshakes. */
    static final Duration STOP_GRACE = Duration.ofSeconds(2);

    /** Creates the command. */
    public DemoCommand() {
    }

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "live dashboard: a page whose charts the server pushes over WebSocket";
    }

    @Override
    public String synopsis() {
        return "[--port PORT] [--host HOST] [--interval DURATION] [--no-deflate] [--tls-keystore FILE --tls-password PASS]";
    }

    @Override
    public String description() {
        return """
                Serves, on one port: GET / (a dashboard page drawing live charts of CPU load, heap,
                connected clients, messages per second and a simulated business metric), GET /hello
                (Hello World) and WebSocket upgrades on /ws?uid=NAME. The server greets each user,
                answers 你好服务器 with 你好,客户端, pushes a metrics snapshot to every page each
                interval and pings every page every 15 s. The page reconnects by itself (exponential
                backoff with jitter) when the server goes away. Its frame inspector shows the page's
                own frames as the server's codec reads and writes them. permessage-deflate is
                accepted unless --no-deflate; with --tls-keystore (a PKCS#12 file) the page is served
                on https:// and its WebSocket on wss://. Ctrl-C stops the server gracefully.
                """;
    }

    @Override
    public List<Option> options() {
        List<Option> options = new ArrayList<>(List.of(
                Option.value("port", "PORT", "port to listen on, 0 for any free one", "3000"),
                Option.value("host", "HOST", "address to listen on (0.0.0.0 for every interface)", "127.0.0.1"),
                Option.value("interval", "DURATION", "time between two metrics pushes", "250ms"),
                Option.flag("no-deflate", "decline permessage-deflate: frames travel uncompressed")));
        options.addAll(TlsKeyStore.options());
        return options;
    }

    @Override
    public int run(Arguments arguments, Terminal terminal) throws Exception {
        Optional<SSLContext> tls = TlsKeyStore.serverContext(arguments);
        DashboardServer server = new DashboardServer(new DashboardServer.Settings(arguments.value("host"),
                arguments.port("port"), arguments.duration("interval"), !arguments.flag("no-deflate"), tls),
                new TimestampedLog(terminal.out())).start();
        String address = DisplayAddress.of(server.address());
        String http = tls.isPresent() ? "https://" : "http://";
        terminal.out().println("wsnio demo: HTTP and WebSocket on one port");
        terminal.out().println("  dashboard   " + http + address + "/");
        terminal.out().println("  plain HTTP  " + http + address + "/hello");
        terminal.out().println("  WebSocket   " + (tls.isPresent() ? "wss://" : "ws://") + address + "/ws?uid=ttq123");
        terminal.out().println("Open " + http + address + "/ in a browser (Ctrl-C stops the server)");
        ShutdownSignal.awaitThen(() -> {
            server.stop(STOP_GRACE);
            terminal.out().println("stopped");
        });
        return Main.SUCCESS;
    }
}
