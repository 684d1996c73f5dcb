package dev.wsnio.benchmarks.hardening;

import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.benchmarks.peers.Durations;
import dev.wsnio.benchmarks.peers.ServerOptions;
import dev.wsnio.server.HttpResponse;
import dev.wsnio.server.WebSocketServer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The server hostile peers and the soak run talk to: a {@link WebSocketServer} on the library's
 * defaults (nothing raised, nothing lowered) with {@code GET /hello} ("Hello World"),
 * {@code GET /page} (16 KiB, the size that made pipelined requests expensive) and a WebSocket
 * echo on {@code /echo}. Only {@code --heartbeat INTERVAL/TIMEOUT} changes a default (the soak
 * run turns it on to find peers that vanished without a FIN, as the demo does).
 *
 * <p>It uses only API that has not changed since the dev.wsnio package rename (save where
 * {@code HttpResponse} lives, which the script adapts), so that
 * {@code run-hostile.sh --baseline REV} can compile this file alone against an older
 * revision's library jars and measure it the same way.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.wsnio.benchmarks.hardening.DefaultsServer
 * [--port N] [--stop-after 15m] [--heartbeat 15s/10s]}; with {@code --port 0} it listens on a
 * free port, which the start-up line names.
 */
public final class DefaultsServer {

    /** The size of {@code /page}. */
    public static final int PAGE_BYTES = 16 * 1024;

    private DefaultsServer() {
    }

    /**
     * Runs the server until its lifetime is over or the process is stopped.
     *
     * @param args see the class comment
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        Duration[] heartbeat = null;
        int at = rest.indexOf("--heartbeat");
        if (at >= 0 && at + 1 < rest.size()) {
            String[] parts = rest.get(at + 1).split("/");
            heartbeat = new Duration[] {Durations.parse(parts[0]), Durations.parse(parts[1])};
            rest.subList(at, at + 2).clear();
        }
        ServerOptions options = ServerOptions.parse(rest.toArray(String[]::new), 9100);
        byte[] page = new byte[PAGE_BYTES];
        Arrays.fill(page, (byte) 'x');
        WebSocketServer.Builder builder = WebSocketServer.builder()
                .host(options.host().getHostAddress())
                .port(options.port())
                .http("/hello", request -> HttpResponse.builder(200).textBody("Hello World").build())
                .http("/page", request -> HttpResponse.builder(200).body("text/plain", page).build())
                .websocket("/echo", new Echo());
        if (heartbeat != null) {
            builder.heartbeat(heartbeat[0], heartbeat[1]);
        }
        WebSocketServer server = builder.build();
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "defaults-server-stop"));
        // The line scripts wait for, with the port actually bound (with --port 0, a free one).
        System.out.printf("wsnio defaults server listening on ws://%s:%d/ pid %d threads %d (stops after %s)%n",
                options.host().getHostAddress(), server.port(), ProcessHandle.current().pid(), options.threads(),
                options.stopAfter());
        System.out.flush();
        Thread.sleep(options.stopAfter().toMillis());
        server.close();
    }

    /** Sends every message back (a binary one as a copy: the callback's buffer is only lent). */
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
