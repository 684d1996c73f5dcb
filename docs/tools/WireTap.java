import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A recording TCP relay, to watch the bytes of a WebSocket connection on the wire: it listens on
 * a loopback port, connects each client it accepts to the target, passes the bytes through
 * unchanged in both directions and prints every chunk it passed as a hex dump.
 *
 * <pre>
 *   java -jar examples/target/ws-examples.jar demo --port 3000     # the server
 *   java docs/tools/WireTap.java 9000 127.0.0.1:3000               # the tap
 *   # then open http://127.0.0.1:9000/ in a browser: the page and its WebSocket go through the tap
 * </pre>
 *
 * A single-file program (JDK only, run by the {@code java} launcher): it is a tool for readers of
 * docs/tour.md, not part of the library. It shows what TCP delivered, chunk by chunk; where one
 * chunk holds several frames, or one frame spans several chunks, is up to TCP, exactly as the
 * frame decoder sees it. Plain {@code ws://} only: {@code wss://} bytes would be TLS records.
 */
public final class WireTap {

    private static final int BYTES_PER_LINE = 16;

    private WireTap() {
    }

    /**
     * Runs the tap until it is killed.
     *
     * @param args the port to listen on (loopback), and the target as {@code host:port}
     * @throws IOException when the port cannot be bound
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !args[1].contains(":")) {
            System.err.println("usage: java WireTap.java LISTEN_PORT TARGET_HOST:TARGET_PORT");
            System.exit(2);
        }
        int listenPort = Integer.parseInt(args[0]);
        String targetHost = args[1].substring(0, args[1].lastIndexOf(':'));
        int targetPort = Integer.parseInt(args[1].substring(args[1].lastIndexOf(':') + 1));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (ServerSocket listening = new ServerSocket(listenPort, 50, InetAddress.getLoopbackAddress())) {
            out.println("tapping 127.0.0.1:" + listenPort + " -> " + targetHost + ":" + targetPort);
            for (int connection = 1; ; connection++) {
                Socket client = listening.accept();
                Socket server;
                try {
                    server = new Socket(targetHost, targetPort);
                } catch (IOException e) {
                    out.println("#" + connection + " cannot reach the target: " + e);
                    client.close();
                    continue;
                }
                out.println("#" + connection + " " + client.getRemoteSocketAddress() + " connected");
                AtomicInteger openDirections = new AtomicInteger(2);
                relay(client, server, "#" + connection + " client -> server", openDirections, out);
                relay(server, client, "#" + connection + " server -> client", openDirections, out);
            }
        }
    }

    /**
     * Copies one direction on a thread of its own, printing each chunk it copies. The end of the
     * stream is passed on as such (a half-close), so that the peers see each other's FIN; the
     * last direction to end closes both sockets, and an error in either closes both at once.
     */
    private static void relay(Socket from, Socket to, String direction, AtomicInteger openDirections,
                              PrintStream out) {
        Thread copier = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream sink = to.getOutputStream();
                int count;
                while ((count = in.read(buffer)) >= 0) {
                    dump(direction, buffer, count, out);
                    sink.write(buffer, 0, count);
                }
                out.println(direction + ": end of stream (the sender's TCP FIN)");
                to.shutdownOutput();
            } catch (IOException e) {
                out.println(direction + ": " + e.getMessage());
                closeQuietly(from); // a reset: end both directions at once
                closeQuietly(to);
            } finally {
                if (openDirections.decrementAndGet() == 0) {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            }
        }, direction);
        copier.start();
    }

    private static void dump(String direction, byte[] bytes, int count, PrintStream out) {
        StringBuilder text = new StringBuilder(direction).append(", ").append(count).append(" bytes\n");
        for (int line = 0; line < count; line += BYTES_PER_LINE) {
            text.append(String.format("  %04x  ", line));
            StringBuilder printable = new StringBuilder();
            for (int i = line; i < line + BYTES_PER_LINE; i++) {
                if (i < count) {
                    int b = bytes[i] & 0xFF;
                    text.append(String.format("%02X ", b));
                    printable.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
                } else {
                    text.append("   ");
                }
            }
            text.append(' ').append(printable).append('\n');
        }
        synchronized (out) {
            out.print(text);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed by the other direction
        }
    }
}
