package dev.wsnio.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wsnio.testkit.Generated;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A session (decoder, message assembly, UTF-8 validation, compression and the close handshake)
 * fed any bytes, in any chunking, as either role and in either delivery mode, never throws,
 * fails at most once with the close code its error carries, and only ever sends valid frames,
 * at most one of them a close.
 *
 * <p>Fuzzed by Jazzer, coverage-guided (regression inputs under {@code
 * src/test/resources/dev/wsnio/frame/WebSocketSessionFuzzTestInputs/}, run by every build; {@code
 * mvn verify -Pfuzz} fuzzes it), and checked on the seeded, structure-aware input of
 * {@link FrameDecoderFuzzTest#hostileInput}.
 */
class WebSocketSessionFuzzTest {

    @FuzzTest
    void sessionFedAnyBytesNeverThrowsAndFailsAtMostOnce(FuzzedDataProvider data) {
        Role role = data.pickValue(Role.values());
        DeliveryMode mode = data.pickValue(DeliveryMode.values());
        boolean compression = data.consumeBoolean();
        List<Integer> cuts = FrameDecoderFuzzTest.cuts(data);
        checkSession(data.consumeRemainingAsBytes(), role, mode, compression, cuts);
    }

    @Test
    void sessionFedHostileInputNeverThrowsAndFailsAtMostOnce() {
        Generated.forAll(500, gen -> checkSession(FrameDecoderFuzzTest.hostileInput(gen), gen.pick(Role.values()),
                gen.pick(DeliveryMode.values()), gen.bool(), gen.ints(10, 0, 100_000)));
    }

    private static void checkSession(byte[] input, Role role, DeliveryMode mode, boolean compression,
                                     List<Integer> cuts) {
        SessionConfig config = new SessionConfig(4096, 2000, 20, mode);
        RepeatingCompression extension = compression ? new RepeatingCompression(3, false) : null;
        SessionHarness h = new SessionHarness(role, config, extension);
        int from = 0;
        for (int to : FrameDecoderFuzzTest.points(input.length, cuts)) {
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
}
