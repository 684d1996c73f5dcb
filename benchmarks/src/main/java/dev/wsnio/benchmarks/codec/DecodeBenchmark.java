package dev.wsnio.benchmarks.codec;

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
 * Decoding one frame per read, every implementation on the same wire bytes in the same run.
 * One operation is: copy the frame into the implementation's read buffer (as a socket read
 * would; {@link #readCopyOnly} measures that copy alone), decode it, hand the result to a
 * {@link Blackhole} (Netty: and release it). Scores are frames per second.
 *
 * <ul>
 *   <li>{@code wsnioFrames}: {@code FrameDecoder}, payload views unmasked in place;</li>
 *   <li>{@code wsnioSession}: {@code WebSocketSession}, whole messages, text validated;</li>
 *   <li>{@code nettyFrames}: {@code WebSocket08FrameDecoder} in an {@code EmbeddedChannel};</li>
 *   <li>{@code nettyMessages}: that decoder plus {@code Utf8FrameValidator} and
 *       {@code WebSocketFrameAggregator};</li>
 *   <li>{@code javaWebSocket}: {@code Draft_6455.translateFrame} (validates text).</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dio.netty.leakDetection.level=disabled"})
public class DecodeBenchmark {

    /** The payload length of the frame, in bytes. */
    @Param({"16", "125", "1024", "65536", "1048576"})
    public int payloadSize;

    /** Text (validated as UTF-8 on the message paths) or binary. */
    @Param({"TEXT", "BINARY"})
    public PayloadKind kind;

    /** Masked client frames decoded by a server, or unmasked server frames decoded by a client. */
    @Param({"CLIENT_TO_SERVER", "SERVER_TO_CLIENT"})
    public Direction direction;

    private byte[] wire;
    private DecoderSet decoders;

    /** Creates for JMH. */
    public DecodeBenchmark() {
    }

    /**
     * Builds the input frame and the decoders, and checks every decoder on it.
     *
     * @param blackhole where decoders hand what they decode
     */
    @Setup
    public void setUp(Blackhole blackhole) {
        wire = WireFrames.repeated(kind.opcode(), kind.payload(payloadSize), direction.masked(), 1);
        decoders = new DecoderSet(direction, wire, payloadSize, blackhole);
    }

    /** @return the bytes copied: the copy into the read buffer alone */
    @Benchmark
    public long readCopyOnly() {
        return decoders.readCopyOnly.receive(wire);
    }

    /** @return the payload bytes delivered by wsnio's {@code FrameDecoder} */
    @Benchmark
    public long wsnioFrames() {
        return decoders.wsnioFrames.receive(wire);
    }

    /** @return the payload bytes delivered by wsnio's {@code WebSocketSession} */
    @Benchmark
    public long wsnioSession() {
        return decoders.wsnioSession.receive(wire);
    }

    /** @return the payload bytes delivered by Netty's {@code WebSocket08FrameDecoder} */
    @Benchmark
    public long nettyFrames() {
        return decoders.nettyFrames.receive(wire);
    }

    /** @return the payload bytes delivered by Netty's decoder, UTF-8 validator and aggregator */
    @Benchmark
    public long nettyMessages() {
        return decoders.nettyMessages.receive(wire);
    }

    /** @return the payload bytes delivered by Java-WebSocket's {@code Draft_6455} */
    @Benchmark
    public long javaWebSocket() {
        return decoders.javaWebSocket.receive(wire);
    }
}
