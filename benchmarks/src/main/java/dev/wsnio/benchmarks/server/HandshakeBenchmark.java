package dev.wsnio.benchmarks.server;

import dev.wsnio.WebSocketListener;
import dev.wsnio.frame.PerMessageDeflateConfig;
import dev.wsnio.handshake.AcceptDigest;
import dev.wsnio.handshake.AcceptedHandshake;
import dev.wsnio.handshake.HandshakeRejectedException;
import dev.wsnio.handshake.HeadLimits;
import dev.wsnio.handshake.HttpParseException;
import dev.wsnio.handshake.HttpRequestParser;
import dev.wsnio.handshake.PerMessageDeflateServerNegotiator;
import dev.wsnio.handshake.ServerHandshake;
import dev.wsnio.server.WebSocketServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The server's opening handshake, for {@code -prof gc}: what it allocates per connection.
 *
 * <ul>
 *   <li>{@code parseAndAccept}: the {@code ws-handshake} part, without sockets: a browser's
 *       upgrade request (Chromium's fields, permessage-deflate offered) parsed by
 *       {@link HttpRequestParser}, accepted by a {@link ServerHandshake} configured as the
 *       server's (permessage-deflate), and its 101 response turned into bytes;</li>
 *   <li>{@code parseAndAcceptReusedDigest}: the same with an {@link AcceptDigest} kept from
 *       one handshake to the next, as a server's event loop keeps one;</li>
 *   <li>{@code throughServer}: a whole connection through a running server (one event loop) over
 *       loopback: connect, the same request, read the 101, close. Its allocation counts both
 *       ends: the client's socket channel (about as much as the server's accepted one) and
 *       everything the server does for a connection from accept to close.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class HandshakeBenchmark {

    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 50000);

    private final ByteBuffer request = ByteBuffer.wrap(RawClient.UPGRADE_REQUEST.getBytes(StandardCharsets.US_ASCII));
    private final ServerHandshake handshake = ServerHandshake.builder()
            .extensions(new PerMessageDeflateServerNegotiator(PerMessageDeflateConfig.DEFAULTS)).build();
    private final AcceptDigest digest = new AcceptDigest();
    private WebSocketServer server;
    private InetSocketAddress address;

    /** Creates for JMH. */
    public HandshakeBenchmark() {
    }

    /** Starts the server for {@code throughServer}. */
    @Setup(Level.Trial)
    public void start() {
        server = WebSocketServer.builder().host("127.0.0.1").port(0).eventLoops(1)
                .websocket("/echo", new WebSocketListener() { }).permessageDeflate().build().start();
        address = new InetSocketAddress("127.0.0.1", server.port());
    }

    /** Stops the server. */
    @TearDown(Level.Trial)
    public void stop() {
        server.close();
    }

    /**
     * Parses the request, accepts it and encodes the response.
     *
     * @return the response's bytes
     */
    @Benchmark
    public byte[] parseAndAccept() throws HttpParseException, HandshakeRejectedException {
        HttpRequestParser parser = new HttpRequestParser(HeadLimits.DEFAULT);
        request.rewind();
        if (!parser.parse(request)) {
            throw new IllegalStateException("incomplete head");
        }
        AcceptedHandshake accepted = handshake.accept(parser.result(), PEER);
        return accepted.response().toBytes();
    }

    /**
     * Parses the request, accepts it with the reused digest and encodes the response.
     *
     * @return the response's bytes
     */
    @Benchmark
    public byte[] parseAndAcceptReusedDigest() throws HttpParseException, HandshakeRejectedException {
        HttpRequestParser parser = new HttpRequestParser(HeadLimits.DEFAULT);
        request.rewind();
        if (!parser.parse(request)) {
            throw new IllegalStateException("incomplete head");
        }
        AcceptedHandshake accepted = handshake.accept(parser.result(), PEER, digest);
        return accepted.response().toBytes();
    }

    /**
     * Opens a connection through the server's handshake, then closes it.
     *
     * @return a sign that the handshake happened
     */
    @Benchmark
    public boolean throughServer() throws IOException {
        try (RawClient client = new RawClient(address)) {
            client.handshake();
            return true;
        }
    }
}
