package dev.wsnio.benchmarks.server;

import dev.wsnio.SendCallback;
import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.server.WebSocketServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One echoed message per operation through a real wsnio server (one event loop) over loopback:
 * the client writes a masked 64-byte frame and reads the echo. Read it with {@code -prof gc}:
 * {@code gc.alloc.rate.norm} is what the server allocates per received and sent message (the
 * client allocates nothing per operation). The ways an application may echo:
 *
 * <ul>
 *   <li>{@code BINARY_LENT_CALLBACK}: {@code sendBinary(data, SendCallback.NONE)} with the very
 *       buffer {@code onBinary} was lent (what the load tool's echo server does);</li>
 *   <li>{@code BINARY_LENT_FUTURE}: {@code sendBinary(data)}, the same buffer, a future returned;</li>
 *   <li>{@code BINARY_COPY_FUTURE}: a copy of the lent buffer, then {@code sendBinary(copy)}
 *       (what an echo had to do before a lent buffer could be sent);</li>
 *   <li>{@code TEXT_CALLBACK}: {@code onText}'s string back with {@code sendText(text,
 *       SendCallback.NONE)} (decoding to a string and encoding it again allocate).</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class EchoPathBenchmark {

    /** How the server's listener echoes. */
    public enum Echo {
        /** The lent buffer, a callback. */
        BINARY_LENT_CALLBACK,
        /** The lent buffer, a future. */
        BINARY_LENT_FUTURE,
        /** A copy of the lent buffer, a future. */
        BINARY_COPY_FUTURE,
        /** The text as a string, a callback. */
        TEXT_CALLBACK
    }

    private static final int PAYLOAD = 64;

    /** The server's way to echo. */
    @Param
    public Echo echo;

    private WebSocketServer server;
    private RawClient client;
    private ByteBuffer frame;
    private final ByteBuffer answer = ByteBuffer.allocateDirect(2 + PAYLOAD);

    /** Creates for JMH. */
    public EchoPathBenchmark() {
    }

    /** Starts the server and opens one connection. */
    @Setup(Level.Trial)
    public void start() throws IOException {
        server = WebSocketServer.builder().host("127.0.0.1").port(0).eventLoops(1)
                .websocket("/echo", listener(echo)).build().start();
        client = new RawClient(new InetSocketAddress("127.0.0.1", server.port()));
        client.handshake();
        byte[] payload = new byte[PAYLOAD];
        Arrays.fill(payload, (byte) 'x');
        byte[] json = "{\"seq\":1,\"text\":\"hello\"}".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(json, 0, payload, 0, json.length);
        frame = RawClient.maskedFrame(echo == Echo.TEXT_CALLBACK ? 1 : 2, payload);
        echoOnce();
        if (answer.get(1) != PAYLOAD || answer.get(2 + PAYLOAD - 1) != 'x') {
            throw new IllegalStateException("the echo differs from the message");
        }
    }

    /** Closes the connection and stops the server. */
    @TearDown(Level.Trial)
    public void stop() throws IOException {
        client.close();
        server.close();
    }

    /**
     * One message to the server and its echo back.
     *
     * @return the echo's last byte
     */
    @Benchmark
    public byte echoOnce() throws IOException {
        client.exchange(frame, answer);
        return answer.get(answer.limit() - 1);
    }

    private static WebSocketListener listener(Echo echo) {
        return new WebSocketListener() {
            @Override
            public void onText(WebSocket socket, String text) {
                socket.sendText(text, SendCallback.NONE);
            }

            @Override
            public void onBinary(WebSocket socket, ByteBuffer data) {
                switch (echo) {
                    case BINARY_LENT_CALLBACK -> socket.sendBinary(data, SendCallback.NONE);
                    case BINARY_LENT_FUTURE -> socket.sendBinary(data);
                    case BINARY_COPY_FUTURE -> {
                        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
                        copy.put(data.duplicate()).flip();
                        socket.sendBinary(copy);
                    }
                    default -> throw new IllegalStateException("binary for " + echo);
                }
            }
        };
    }
}
