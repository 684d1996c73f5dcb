package dev.wsnio.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.testkit.Gen;
import dev.wsnio.testkit.Generated;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Properties of encoding and decoding frames (RFC 6455 §5.2), for any frame and any chunking. */
class FramePropertiesTest {

    @Test
    void encodeThenDecodeIsIdentity() {
        Generated.forAll(300, gen -> encodeThenDecode(FrameSpec.any(gen)));
    }

    private static void encodeThenDecode(FrameSpec frame) throws Exception {
        byte[] wire = frame.encode();
        assertEquals(FrameHeader.length(frame.length(), frame.masked()) + frame.length(), wire.length);

        FrameDecoder decoder = decoderFor(frame.masked());
        RecordingFrameHandler handler = new RecordingFrameHandler();
        decoder.decode(ByteBuffer.wrap(wire), handler);
        assertEquals(List.of(frame.decoded()), handler.frames, frame::toString);
        assertTrue(decoder.isAtFrameBoundary(), frame::toString);
    }

    @Test
    void anyChunkingOfAMultiFrameStreamDecodesToTheSameFrames() {
        Generated.forAll(300, gen -> checkChunking(clientStream(gen), gen.ints(25, 0, 1_000_000)));
    }

    @Test
    void anyChunkingOfAnUnmaskedMultiFrameStreamDecodesToTheSameFrames() {
        Generated.forAll(300, gen -> checkChunking(serverStream(gen), gen.ints(25, 0, 1_000_000)));
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
        assertEquals(expected, whole.frames, frames::toString);

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
        assertEquals(expected, chunked.frames, () -> frames + " cut at " + points);
        assertTrue(decoder.isAtFrameBoundary(), () -> frames + " cut at " + points);
    }

    /** What a client sends: 1 to 8 small masked frames. */
    private static List<FrameSpec> clientStream(Gen gen) {
        return gen.list(1, 8, () -> FrameSpec.small(gen, true));
    }

    /** What a server sends: 1 to 8 unmasked frames, now and then a long one. */
    private static List<FrameSpec> serverStream(Gen gen) {
        return gen.list(1, 8, () -> gen.weighted(4, 1) == 0 ? FrameSpec.small(gen, false) : FrameSpec.any(gen, false));
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
