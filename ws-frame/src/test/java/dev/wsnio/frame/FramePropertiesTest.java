package dev.wsnio.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Properties of encoding and decoding frames (RFC 6455 §5.2), for any frame and any chunking. */
class FramePropertiesTest {

    @Property(tries = 300)
    void encodeThenDecodeIsIdentity(@ForAll("anyFrame") FrameSpec frame) throws Exception {
        byte[] wire = frame.encode();
        assertEquals(FrameHeader.length(frame.length(), frame.masked()) + frame.length(), wire.length);

        FrameDecoder decoder = decoderFor(frame.masked());
        RecordingFrameHandler handler = new RecordingFrameHandler();
        decoder.decode(ByteBuffer.wrap(wire), handler);
        assertEquals(List.of(frame.decoded()), handler.frames);
        assertTrue(decoder.isAtFrameBoundary());
    }

    @Property(tries = 300)
    void anyChunkingOfAMultiFrameStreamDecodesToTheSameFrames(
            @ForAll("clientStream") List<FrameSpec> frames,
            @ForAll @Size(max = 25) List<@IntRange(min = 0, max = 1_000_000) Integer> cuts) throws Exception {
        checkChunking(frames, cuts);
    }

    @Property(tries = 300)
    void anyChunkingOfAnUnmaskedMultiFrameStreamDecodesToTheSameFrames(
            @ForAll("serverStream") List<FrameSpec> frames,
            @ForAll @Size(max = 25) List<@IntRange(min = 0, max = 1_000_000) Integer> cuts) throws Exception {
        checkChunking(frames, cuts);
    }

    private static void checkChunking(List<FrameSpec> frames, List<Integer> cuts) throws Exception {
        boolean masked = frames.get(0).masked();
        byte[] wire = stream(frames);
        List<DecodedFrame> expected = new ArrayList<>();
        for (FrameSpec frame : frames) {
            expected.add(frame.decoded());
        }

        RecordingFrameHandler whole = new RecordingFrameHandler();
        decoderFor(masked).decode(ByteBuffer.wrap(wire.clone()), whole);
        assertEquals(expected, whole.frames);

        TreeSet<Integer> points = new TreeSet<>();
        for (int cut : cuts) {
            points.add(cut % (wire.length + 1));
        }
        points.add(wire.length);
        byte[] input = wire.clone();
        FrameDecoder decoder = decoderFor(masked);
        RecordingFrameHandler chunked = new RecordingFrameHandler();
        int from = 0;
        for (int to : points) {
            ByteBuffer chunk = ByteBuffer.wrap(input, from, to - from);
            decoder.decode(chunk, chunked);
            assertFalse(chunk.hasRemaining());
            from = to;
        }
        assertEquals(expected, chunked.frames);
        assertTrue(decoder.isAtFrameBoundary());
    }

    @Provide
    Arbitrary<FrameSpec> anyFrame() {
        return FrameSpec.any();
    }

    @Provide
    Arbitrary<List<FrameSpec>> clientStream() {
        return FrameSpec.small(true).list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<FrameSpec>> serverStream() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, FrameSpec.small(false)),
                Tuple.of(1, FrameSpec.any(false))).list().ofMinSize(1).ofMaxSize(8);
    }

    private static FrameDecoder decoderFor(boolean masked) {
        FrameDecoder decoder = new FrameDecoder(masked ? Role.SERVER : Role.CLIENT, Long.MAX_VALUE);
        decoder.allowReservedBits(FrameSpec.ALL_RSV);
        return decoder;
    }

    private static byte[] stream(List<FrameSpec> frames) {
        byte[][] parts = new byte[frames.size()][];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = frames.get(i).encode();
        }
        return FrameBuilder.concat(parts);
    }
}
