package dev.wsnio.benchmarks.codec;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding a stream of small frames that arrive together in one read ({@value #FRAMES} frames
 * back to back), as a busy connection delivers them. Same implementations and per-read work as
 * {@link DecodeBenchmark}; scores are frames per second ({@code @OperationsPerInvocation}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dio.netty.leakDetection.level=disabled"})
public class DecodeStreamBenchmark {

    /** Frames in one read. */
    public static final int FRAMES = 100;

    /** The payload length of each frame, in bytes. */
    @Param({"16", "125"})
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
    public DecodeStreamBenchmark() {
    }

    /**
     * Builds the input stream and the decoders, and checks every decoder on it.
     *
     * @param blackhole where decoders hand what they decode
     */
    @Setup
    public void setUp(Blackhole blackhole) {
        wire = WireFrames.repeated(kind.opcode(), kind.payload(payloadSize), direction.masked(), FRAMES);
        decoders = new DecoderSet(direction, wire, (long) FRAMES * payloadSize, blackhole);
    }

    /** @return the bytes copied: the copy into the read buffer alone */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long readCopyOnly() {
        return decoders.readCopyOnly.receive(wire);
    }

    /** @return the payload bytes delivered by wsnio's {@code FrameDecoder} */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long wsnioFrames() {
        return decoders.wsnioFrames.receive(wire);
    }

    /** @return the payload bytes delivered by wsnio's {@code WebSocketSession} */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long wsnioSession() {
        return decoders.wsnioSession.receive(wire);
    }

    /** @return the payload bytes delivered by Netty's {@code WebSocket08FrameDecoder} */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long nettyFrames() {
        return decoders.nettyFrames.receive(wire);
    }

    /** @return the payload bytes delivered by Netty's decoder, UTF-8 validator and aggregator */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long nettyMessages() {
        return decoders.nettyMessages.receive(wire);
    }

    /** @return the payload bytes delivered by Java-WebSocket's {@code Draft_6455} */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long javaWebSocket() {
        return decoders.javaWebSocket.receive(wire);
    }
}
