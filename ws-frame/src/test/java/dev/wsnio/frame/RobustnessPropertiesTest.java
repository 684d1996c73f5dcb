package dev.wsnio.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
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

/**
 * Bad input never crashes: a decoder fed any bytes only yields frames or a typed
 * {@link WebSocketProtocolException}, and a session fed any bytes never throws, fails at most
 * once, and only ever sends valid frames (at most one close).
 */
class RobustnessPropertiesTest {

    @Property(tries = 500)
    void decoderFedArbitraryBytesYieldsOnlyFramesOrAProtocolError(
            @ForAll("hostileInput") byte[] input, @ForAll Role role, @ForAll @IntRange(max = 7) int allowedRsv,
            @ForAll @Size(max = 10) List<@IntRange(min = 0, max = 100_000) Integer> cuts) {
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

    @Property(tries = 500)
    void sessionFedArbitraryBytesNeverThrowsAndFailsAtMostOnce(
            @ForAll("hostileInput") byte[] input, @ForAll Role role, @ForAll DeliveryMode mode,
            @ForAll boolean compression,
            @ForAll @Size(max = 10) List<@IntRange(min = 0, max = 100_000) Integer> cuts) {
        SessionConfig config = new SessionConfig(4096, 2000, 20, mode);
        RepeatingCompression extension = compression ? new RepeatingCompression(3, false) : null;
        SessionHarness h = new SessionHarness(role, config, extension);
        int from = 0;
        for (int to : points(input.length, cuts)) {
            ByteBuffer chunk = ByteBuffer.wrap(input, from, to - from);
            h.session.receive(chunk);
            assertFalse(chunk.hasRemaining());
            from = to;
        }

        List<CloseBody> closes = h.sink.closeFrames(); // also checks that every frame sent is valid
        assertTrue(closes.size() <= 1, "at most one close frame: " + closes);
        assertTrue(h.listener.errors.size() <= 1, "at most one error: " + h.listener.errors);
        assertTrue(h.listener.closes.size() + h.listener.errors.size() <= 1, "a close or an error, not both");
        if (!h.listener.errors.isEmpty()) {
            WebSocketProtocolException error = h.listener.errors.get(0);
            assertEquals(List.of(new CloseBody(error.closeCode(), error.error().reason())), closes);
            assertEquals(SessionState.CLOSED, h.session.state());
        }
        if (h.session.state() == SessionState.CLOSED) {
            assertEquals(1, closes.size());
        }
        for (RecordingListener.Delivery delivery : h.listener.deliveries) {
            if (mode == DeliveryMode.WHOLE_MESSAGES && delivery.type() == MessageType.TEXT) {
                assertTrue(Utf8Validator.isValid(ByteBuffer.wrap(delivery.bytes())), "text messages are UTF-8");
            }
        }
        if (extension != null) {
            assertTrue(extension.releases <= 1);
        }
    }

    private static TreeSet<Integer> points(int length, List<Integer> cuts) {
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
    @Provide
    Arbitrary<byte[]> hostileInput() {
        Arbitrary<byte[]> validFrame = Arbitraries.of(true, false).flatMap(FrameSpec::small).map(FrameSpec::encode);
        Arbitrary<byte[]> randomHeader = Arbitraries.bytes().array(byte[].class).ofMinSize(2).ofMaxSize(14);
        Arbitrary<byte[]> randomBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
        Arbitrary<byte[]> piece = Arbitraries.frequencyOf(
                Tuple.of(5, validFrame),
                Tuple.of(2, randomHeader),
                Tuple.of(2, randomBytes));
        return piece.list().ofMaxSize(10).map(pieces -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pieces.forEach(out::writeBytes);
            return out.toByteArray();
        });
    }
}
