package dev.wsnio.frame;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wsnio.testkit.Gen;
import dev.wsnio.testkit.Generated;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The frame decoder (RFC 6455 §5.2) fed any bytes, in any chunking, as either role and with any
 * reserved bits allowed, yields only frames or a typed {@link WebSocketProtocolException}, throws
 * no second time after failing, and consumes every byte it is given.
 *
 * <p>Fuzzed by Jazzer, coverage-guided (regression inputs under {@code
 * src/test/resources/dev/wsnio/frame/FrameDecoderFuzzTestInputs/}, run by every build; {@code mvn
 * verify -Pfuzz} fuzzes it), and checked on seeded, structure-aware input: valid frames mixed
 * with random headers and noise, which gets past the first header far more often than random
 * bytes do.
 */
class FrameDecoderFuzzTest {

    @FuzzTest
    void decoderFedAnyBytesYieldsOnlyFramesOrAProtocolError(FuzzedDataProvider data) {
        Role role = data.pickValue(Role.values());
        int allowedRsv = data.consumeInt(0, 7);
        List<Integer> cuts = cuts(data);
        checkDecoder(data.consumeRemainingAsBytes(), role, allowedRsv, cuts);
    }

    @Test
    void decoderFedHostileInputYieldsOnlyFramesOrAProtocolError() {
        Generated.forAll(500, gen -> checkDecoder(hostileInput(gen), gen.pick(Role.values()), gen.between(0, 7),
                gen.ints(10, 0, 100_000)));
    }

    /** Up to ten cut points, taken from the end of the fuzzer's input. */
    static List<Integer> cuts(FuzzedDataProvider data) {
        int count = data.consumeInt(0, 10);
        List<Integer> cuts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            cuts.add(data.consumeInt(0, 100_000));
        }
        return cuts;
    }

    private static void checkDecoder(byte[] input, Role role, int allowedRsv, List<Integer> cuts) {
        FrameDecoder decoder = new FrameDecoder(role, 4096);
        decoder.allowReservedBits(allowedRsv << 4);
        RecordingFrameHandler handler = new RecordingFrameHandler(); // checks the handler contract
        boolean failed = false;
        int from = 0;
        for (int to : points(input.length, cuts)) {
            ByteBuffer chunk = ByteBuffer.wrap(input, from, to - from);
            try {
                decoder.decode(chunk, handler);
            } catch (WebSocketProtocolException e) {
                assertFalse(failed, "a failed decoder throws no second time");
                failed = true;
                assertTrue(decoder.hasFailed());
            }
            assertFalse(chunk.hasRemaining(), "every input is consumed, even after a failure");
            from = to;
        }
    }

    static TreeSet<Integer> points(int length, List<Integer> cuts) {
        TreeSet<Integer> points = new TreeSet<>();
        for (int cut : cuts) {
            points.add(cut % (length + 1));
        }
        points.add(length);
        return points;
    }

    /**
     * Input that is partly well-formed, so that decoding gets past the first header: valid frames
     * (masked and not), headers announcing random lengths, and random bytes, in any mix.
     */
    static byte[] hostileInput(Gen gen) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int pieces = gen.between(0, 10); pieces > 0; pieces--) {
            out.writeBytes(switch (gen.weighted(5, 2, 2)) {
                case 0 -> FrameSpec.small(gen, gen.bool()).encode(); // a valid frame
                case 1 -> gen.bytes(2, 14); // a header announcing anything
                default -> gen.bytes(40); // noise
            });
        }
        return out.toByteArray();
    }
}
