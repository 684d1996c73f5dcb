package dev.wsnio.examples.connect;

import dev.wsnio.client.ConnectOptions;
import dev.wsnio.client.WebSocketClient;
import dev.wsnio.examples.Arguments;
import dev.wsnio.examples.Command;
import dev.wsnio.examples.Option;
import dev.wsnio.examples.PerMessageDeflateSetup;
import dev.wsnio.examples.Terminal;
import dev.wsnio.examples.UsageException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code connect URL}: an interactive terminal client in the manner of {@code wscat} and
 * {@code websocat}.
 */
public final class ConnectCommand implements Command {

    /** The connection count of a terminal client: one event loop is plenty. */
    private static final int EVENT_LOOPS = 1;

    /** Creates the command. */
    public ConnectCommand() {
    }

    @Override
    public String name() {
        return "connect";
    }

    @Override
    public String summary() {
        return "interactive terminal client: typed lines are sent, messages printed";
    }

    @Override
    public String synopsis() {
        return "[options] URL";
    }

    @Override
    public String description() {
        return """
                Connects to a ws:// or wss:// URL. Each line typed (or piped) on standard input is
                sent as a text message; each message received is printed on standard output with
                the time it arrived. The connection's life is reported on standard error.
                Exit status: 0 when the input ends (the connection is then closed normally) or the
                server closes normally (1000); 1 with a one-line error when the connection cannot
                be made or ends abnormally; 2 for a wrong command line.
                """;
    }

    @Override
    public List<Option> options() {
        return List.of(
                Option.repeatable("header", "'NAME: VALUE'", "an extra header of the upgrade request"),
                Option.repeatable("subprotocol", "NAME", "a subprotocol to offer (Sec-WebSocket-Protocol)"),
                Option.value("ping-interval", "DURATION", "ping the server this often, closing when it stops answering; 0 for never", "0"),
                Option.flag("reconnect", "reconnect after lost connections and server restarts, with backoff"),
                Option.flag("deflate", "offer permessage-deflate compression"),
                Option.flag("insecure", "accept any TLS certificate and host name (self-signed test servers only)"),
                Option.value("max-message-mib", "MIB", "largest message accepted, in MiB", "16"));
    }

    @Override
    public int run(Arguments arguments, Terminal terminal) throws Exception {
        if (arguments.positionals().size() != 1) {
            throw new UsageException("connect needs exactly one URL, e.g. ws://127.0.0.1:3000/ws?uid=ttq123");
        }
        ConnectOptions connectOptions = connectOptions(webSocketUri(arguments.positionals().get(0)), arguments);
        WebSocketClient.Builder client = WebSocketClient.builder()
                .eventLoops(EVENT_LOOPS)
                .maxMessageSize((long) arguments.integer("max-message-mib", 1, 2047) << 20);
        Duration pingInterval = arguments.duration("ping-interval");
        if (!pingInterval.isZero()) {
            client.heartbeat(pingInterval, pingInterval);
        }
        if (arguments.flag("deflate")) {
            PerMessageDeflateSetup.offer(client);
        }
        if (arguments.flag("insecure")) {
            client.tls(TrustAllCertificates.context()).insecureSkipHostnameVerification();
        }
        try (WebSocketClient webSockets = client.build()) {
            return arguments.flag("reconnect")
                    ? new ReconnectingConnection(webSockets, connectOptions, terminal).run()
                    : new SingleConnection(webSockets, connectOptions, terminal).run();
        }
    }

    private static ConnectOptions connectOptions(URI uri, Arguments arguments) throws UsageException {
        try {
            ConnectOptions.Builder options = ConnectOptions.builder(uri);
            for (String header : arguments.values("header")) {
                int colon = header.indexOf(':');
                if (colon <= 0) {
                    throw new UsageException("--header needs 'Name: value', not '" + header + "'");
                }
                options.header(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
            }
            List<String> subprotocols = arguments.values("subprotocol");
            if (!subprotocols.isEmpty()) {
                options.subprotocols(subprotocols.toArray(String[]::new));
            }
            return options.build();
        } catch (IllegalArgumentException e) {
            // a header the client refuses (e.g. one it sets itself), an invalid subprotocol name
            throw new UsageException(e.getMessage());
        }
    }

    private static URI webSocketUri(String text) throws UsageException {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("ws") && !scheme.equals("wss") || uri.getHost() == null) {
                throw new UsageException("not a ws:// or wss:// URL: " + text);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException("not a URL: " + text + " (" + e.getReason() + ")");
        }
    }
}
