package dev.wsnio.benchmarks.peers;

import dev.wsnio.frame.SessionConfig;
import dev.wsnio.server.WebSocketServer;
import dev.wsnio.ConnectionSettings;
import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import java.nio.ByteBuffer;

/**
 * wsnio's echo server for the load tool: {@link WebSocketServer} on {@code /}, sending every
 * message back (text as the same string, binary as a copy: the callback's buffer is only lent),
 * permessage-deflate accepted when offered (the default configuration: no context takeover,
 * 1 KiB threshold), messages and frames up to 64 MiB, 128 MiB of send queue per connection,
 * no heartbeat.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.wsnio.benchmarks.peers.OurEchoServer [--port 9000]
 * [--threads N] [--stop-after 30m]}
 */
public final class OurEchoServer {

    /** The default port. */
    public static final int DEFAULT_PORT = 9000;
    private static final long MAX_MESSAGE = 64L << 20;
    private static final long MAX_QUEUED = 128L << 20;

    private OurEchoServer() {
    }

    /**
     * Runs the server until its lifetime is over or the process is stopped.
     *
     * @param args see {@link ServerOptions}
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        ServerOptions options = ServerOptions.parse(args, DEFAULT_PORT);
        SessionConfig session = SessionConfig.DEFAULTS.withMaxFrameSize(MAX_MESSAGE)
                .withMaxMessageSize(MAX_MESSAGE).withMaxFragmentsPerMessage(1 << 20);
        WebSocketServer server = WebSocketServer.builder()
                .host(options.host().getHostAddress())
                .port(options.port())
                .eventLoops(options.threads())
                .websocket("/", new Echo())
                .settings(ConnectionSettings.DEFAULTS.withSession(session).withMaxQueuedBytes(MAX_QUEUED))
                .permessageDeflate()
                .build();
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "echo-server-stop"));
        options.announceAndWait("wsnio");
        server.close();
    }

    /** Sends every message back. */
    private static final class Echo implements WebSocketListener {
        @Override
        public void onText(WebSocket socket, String text) {
            socket.sendText(text);
        }

        @Override
        public void onBinary(WebSocket socket, ByteBuffer data) {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining());
            copy.put(data.duplicate()).flip();
            socket.sendBinary(copy);
        }
    }
}
