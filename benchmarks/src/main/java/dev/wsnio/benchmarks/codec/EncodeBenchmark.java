package dev.wsnio.benchmarks.codec;

import dev.wsnio.frame.FrameHeader;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Encoding one binary message as one frame, every implementation on the same payload (a heap
 * buffer, as an application holds it) in the same run. One operation ends with the bytes ready
 * for a (gathering) socket write; scores are frames per second.
 *
 * <ul>
 *   <li>{@code wsnioFrames}: {@code FrameHeader.write}, plus the transport's copy (masked for a
 *       client) of small frames into a direct buffer, see {@link SocketBoundSink};</li>
 *   <li>{@code wsnioSession}: the same through {@code WebSocketSession.sendMessage};</li>
 *   <li>{@code nettyFrames}: a new {@code BinaryWebSocketFrame} through
 *       {@code WebSocket08FrameEncoder} in an {@code EmbeddedChannel};</li>
 *   <li>{@code javaWebSocket}: {@code Draft_6455.createFrames} + {@code createBinaryFrame}.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dio.netty.leakDetection.level=disabled"})
public class EncodeBenchmark {

    /** The payload length of the frame, in bytes. */
    @Param({"16", "125", "1024", "65536", "1048576"})
    public int payloadSize;

    /** Masked frames sent by a client, or unmasked frames sent by a server. */
    @Param({"CLIENT_TO_SERVER", "SERVER_TO_CLIENT"})
    public Direction direction;

    private ByteBuffer payload;
    private WireEncoder wsnioFrames;
    private WireEncoder wsnioSession;
    private WireEncoder nettyFrames;
    private WireEncoder javaWebSocket;

    /** Creates for JMH. */
    public EncodeBenchmark() {
    }

    /**
     * Builds the payload and the encoders, and checks that each produces a whole frame.
     *
     * @param blackhole where encoders hand what they encode
     */
    @Setup
    public void setUp(Blackhole blackhole) {
        payload = ByteBuffer.wrap(PayloadKind.BINARY.payload(payloadSize));
        wsnioFrames = new WsnioFrameEncoding(direction.masked(), payloadSize);
        wsnioSession = new WsnioSessionSending(direction.sender(), payloadSize);
        nettyFrames = new NettyEncoding(direction.masked(), blackhole);
        javaWebSocket = new JavaWebSocketEncoding(direction.masked(), blackhole);
        long expected = FrameHeader.length(payloadSize, direction.masked()) + payloadSize;
        for (WireEncoder encoder : new WireEncoder[] {wsnioFrames, wsnioSession, nettyFrames, javaWebSocket}) {
            for (int round = 0; round < 2; round++) {
                long produced = encoder.send(payload);
                if (produced != expected || payload.remaining() != payloadSize) {
                    throw new IllegalStateException(encoder.getClass().getSimpleName() + " produced "
                            + produced + " bytes, expected " + expected);
                }
            }
        }
    }

    /** @return the frame's length: wsnio's header writer and the transport's copy */
    @Benchmark
    public long wsnioFrames() {
        return wsnioFrames.send(payload);
    }

    /** @return the frame's length: wsnio's session, header writer and the transport's copy */
    @Benchmark
    public long wsnioSession() {
        return wsnioSession.send(payload);
    }

    /** @return the frame's length: Netty's {@code WebSocket08FrameEncoder} */
    @Benchmark
    public long nettyFrames() {
        return nettyFrames.send(payload);
    }

    /** @return the frame's length: Java-WebSocket's {@code Draft_6455} */
    @Benchmark
    public long javaWebSocket() {
        return javaWebSocket.send(payload);
    }
}
