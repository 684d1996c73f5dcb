package dev.wsnio.benchmarks.codec;

import dev.wsnio.frame.Masking;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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

/**
 * The masking transform of RFC 6455 §5.3 over payloads of several sizes: wsnio's
 * {@link Masking} (8 bytes at a time) against the textbook byte-at-a-time loop, and against
 * {@link System#arraycopy} of the same length, the memory-bandwidth ceiling. Masking is its
 * own inverse, so masking the same buffer again and again needs no fresh input. Buffers are
 * big-endian (Java's default, and what the transport's read buffer is) unless a method's name
 * says {@code NativeOrder}. Scores are operations (whole payloads) per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class MaskingBenchmark {

    /** The payload length, in bytes. */
    @Param({"125", "1024", "65536", "1048576"})
    public int payloadSize;

    private final byte[] keyBytes = {
        (byte) (WireFrames.MASK_KEY >>> 24), (byte) (WireFrames.MASK_KEY >>> 16),
        (byte) (WireFrames.MASK_KEY >>> 8), (byte) WireFrames.MASK_KEY};
    private byte[] array;
    private byte[] copyTarget;
    private ByteBuffer heap;
    private ByteBuffer direct;
    private ByteBuffer maskedTarget;
    private ByteBuffer heapNativeOrder;
    private ByteBuffer directNativeOrder;

    /** Creates for JMH. */
    public MaskingBenchmark() {
    }

    /** Fills the payloads. */
    @Setup
    public void setUp() {
        array = PayloadKind.BINARY.payload(payloadSize);
        copyTarget = new byte[payloadSize];
        heap = ByteBuffer.wrap(array.clone());
        direct = ByteBuffer.allocateDirect(payloadSize).put(array).flip();
        maskedTarget = ByteBuffer.allocateDirect(payloadSize);
        heapNativeOrder = ByteBuffer.wrap(array.clone()).order(ByteOrder.nativeOrder());
        directNativeOrder = ByteBuffer.allocateDirect(payloadSize).order(ByteOrder.nativeOrder())
                .put(array).flip();
    }

    /** @return the buffer: wsnio unmasking in place in a heap buffer */
    @Benchmark
    public ByteBuffer wsnioInPlaceHeap() {
        Masking.maskInPlace(heap, 0, payloadSize, WireFrames.MASK_KEY, 0);
        return heap;
    }

    /** @return the buffer: wsnio unmasking in place in a direct buffer (the read buffer's kind) */
    @Benchmark
    public ByteBuffer wsnioInPlaceDirect() {
        Masking.maskInPlace(direct, 0, payloadSize, WireFrames.MASK_KEY, 0);
        return direct;
    }

    /**
     * @return the buffer: wsnio unmasking in place in a heap buffer set to the platform's byte
     *     order (the same code; buffers are big-endian unless told otherwise)
     */
    @Benchmark
    public ByteBuffer wsnioInPlaceHeapNativeOrder() {
        Masking.maskInPlace(heapNativeOrder, 0, payloadSize, WireFrames.MASK_KEY, 0);
        return heapNativeOrder;
    }

    /** @return the buffer: wsnio unmasking in place in a direct buffer in the platform's order */
    @Benchmark
    public ByteBuffer wsnioInPlaceDirectNativeOrder() {
        Masking.maskInPlace(directNativeOrder, 0, payloadSize, WireFrames.MASK_KEY, 0);
        return directNativeOrder;
    }

    /** @return the target: wsnio masking while copying heap to direct (a client's send) */
    @Benchmark
    public ByteBuffer wsnioCopyMasked() {
        heap.clear();
        maskedTarget.clear();
        Masking.copyMasked(heap, maskedTarget, WireFrames.MASK_KEY, 0);
        return maskedTarget;
    }

    /** @return the array: one byte at a time, {@code b[i] ^= key[i % 4]} */
    @Benchmark
    public byte[] byteAtATime() {
        byte[] bytes = array;
        byte[] key = keyBytes;
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] ^= key[i & 3];
        }
        return bytes;
    }

    /** @return the target: {@code System.arraycopy} of the same length, the ceiling */
    @Benchmark
    public byte[] systemArraycopy() {
        System.arraycopy(array, 0, copyTarget, 0, payloadSize);
        return copyTarget;
    }
}
