package dev.wsnio.benchmarks.codec;

import dev.wsnio.frame.Utf8Validator;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
 * Validating a text message as UTF-8 (RFC 6455 §8.1): wsnio's {@link Utf8Validator} against the
 * JDK's strict decoder ({@link CodingErrorAction#REPORT}, decoding into a reused
 * {@link CharBuffer}: its fastest allocation-free use) and against {@code new String(bytes,
 * UTF_8)} (which replaces malformed input instead of reporting it, and allocates the string: the
 * shortcut many servers take). Scores are messages per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class Utf8Benchmark {

    /** ASCII, Chinese (3-byte sequences) or ASCII mixed with emoji (4-byte sequences). */
    @Param({"ASCII", "CHINESE", "EMOJI"})
    public TextSample sample;

    /** The message length, in bytes. */
    @Param({"125", "1024", "65536"})
    public int size;

    private byte[] bytes;
    private ByteBuffer heap;
    private ByteBuffer direct;
    private final Utf8Validator validator = new Utf8Validator();
    private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private CharBuffer chars;
    private byte[] workspace;

    /** Creates for JMH. */
    public Utf8Benchmark() {
    }

    /** Builds the message and checks that every method accepts it. */
    @Setup
    public void setUp() {
        bytes = sample.utf8(size);
        heap = ByteBuffer.wrap(bytes);
        direct = ByteBuffer.allocateDirect(size).put(bytes).flip();
        chars = CharBuffer.allocate(size);
        workspace = new byte[size];
        if (!wsnioHeap() || !wsnioDirect() || !wsnioDirectCopied() || !jdkStrictDecoder() || jdkNewString() == 0) {
            throw new IllegalStateException("the sample is not valid UTF-8");
        }
    }

    /** @return whether the message is valid: wsnio, heap buffer */
    @Benchmark
    public boolean wsnioHeap() {
        validator.reset();
        return validator.feed(heap, 0, size) && validator.isComplete();
    }

    /** @return whether the message is valid: wsnio, direct buffer (a view of the read buffer) */
    @Benchmark
    public boolean wsnioDirect() {
        validator.reset();
        return validator.feed(direct, 0, size) && validator.isComplete();
    }

    /**
     * @return whether the message is valid: wsnio, direct buffer copied first into a reused
     *     array and validated there, as a session with a {@code TextWorkspace} does (the copy
     *     included: the engine makes it anyway to build the string)
     */
    @Benchmark
    public boolean wsnioDirectCopied() {
        validator.reset();
        direct.get(0, workspace, 0, size);
        return validator.feed(workspace, 0, size) && validator.isComplete();
    }

    /** @return whether the message is valid: the JDK's strict {@code CharsetDecoder} */
    @Benchmark
    public boolean jdkStrictDecoder() {
        strict.reset();
        chars.clear();
        heap.clear();
        CoderResult result = strict.decode(heap, chars, true);
        return !result.isError() && !strict.flush(chars).isError();
    }

    /** @return the string's length: {@code new String(bytes, UTF_8)} (replaces, never rejects) */
    @Benchmark
    public int jdkNewString() {
        return new String(bytes, StandardCharsets.UTF_8).length();
    }
}
