package dev.wsnio.benchmarks.peers;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Properties;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.extensions.permessage_deflate.PerMessageDeflateExtension;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * Java-WebSocket's echo server for the load tool: a {@link WebSocketServer} that sends every
 * message back, with permessage-deflate accepted when offered ({@link PerMessageDeflateExtension},
 * its default settings), TCP_NODELAY on, and its lost-connection pings off (like the other
 * servers' heartbeats). Decoder threads: {@code --threads} (the available processors by default,
 * which is also Java-WebSocket's default), plus its selector thread.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.wsnio.benchmarks.peers.JavaWebSocketEchoServer
 * [--port 9002] [--threads N] [--stop-after 30m]}
 */
public final class JavaWebSocketEchoServer extends WebSocketServer {

    /** The default port. */
    public static final int DEFAULT_PORT = 9002;

    private JavaWebSocketEchoServer(InetSocketAddress address, int decoders, List<Draft> drafts) {
        super(address, decoders, drafts);
    }

    /**
     * Runs the server until its lifetime is over or the process is stopped.
     *
     * @param args see {@link ServerOptions}
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        ServerOptions options = ServerOptions.parse(args, DEFAULT_PORT);
        options.requirePlain("java-websocket");
        List<Draft> drafts = List.of(new Draft_6455(new PerMessageDeflateExtension()), new Draft_6455());
        JavaWebSocketEchoServer server = new JavaWebSocketEchoServer(
                new InetSocketAddress(options.host(), options.port()), options.threads(), drafts);
        server.setTcpNoDelay(true);
        server.setReuseAddr(true);
        server.setConnectionLostTimeout(0);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server), "echo-server-stop"));
        options.announceAndWait("java-websocket " + version());
        stop(server);
    }

    /** The library's version, from the Maven metadata its jar carries. */
    private static String version() {
        Properties properties = new Properties();
        try (InputStream in = WebSocketServer.class.getResourceAsStream(
                "/META-INF/maven/org.java-websocket/Java-WebSocket/pom.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "(version unknown: " + e.getMessage() + ")";
        }
        return properties.getProperty("version", "(version unknown)");
    }

    private static void stop(JavaWebSocketEchoServer server) {
        try {
            server.stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void onOpen(WebSocket connection, ClientHandshake handshake) {
    }

    @Override
    public void onClose(WebSocket connection, int code, String reason, boolean remote) {
    }

    @Override
    public void onMessage(WebSocket connection, String message) {
        connection.send(message);
    }

    @Override
    public void onMessage(WebSocket connection, ByteBuffer message) {
        connection.send(message);
    }

    @Override
    public void onError(WebSocket connection, Exception error) {
    }

    @Override
    public void onStart() {
    }
}
