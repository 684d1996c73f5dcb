package dev.wsnio.frame;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wsnio.testkit.Generated;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Inflation (RFC 7692 §7.2.2) of whatever a peer sends as compressed payloads: a client session
 * with permessage-deflate, fed frames whose payloads are anything, delivers messages or fails
 * with a close code (1007 for bad compressed data or bad UTF-8, 1009 past the size limit), and
 * never throws. The sliding window is kept across messages (context takeover), so that one
 * message's garbage reaches the next one's decoding too.
 *
 * <p>Fuzzed by Jazzer (regression inputs under
 * {@code src/test/resources/dev/wsnio/frame/InflationFuzzTestInputs/}; {@code mvn verify -Pfuzz}
 * fuzzes it), and run on seeded random payloads.
 */
class InflationFuzzTest {

    private static final Set<String> ALLOWED_ERRORS =
            Set.of("error:INVALID_COMPRESSED_DATA", "error:INVALID_UTF8", "error:MESSAGE_TOO_BIG");

    @FuzzTest
    void anyCompressedPayloadYieldsAMessageOrACloseCodeNeverAnException(FuzzedDataProvider data) {
        boolean text = data.consumeBoolean();
        int frameCount = data.consumeInt(0, 200);
        byte[][] frames = new byte[frameCount][];
        for (int i = 0; i < frameCount; i++) {
            frames[i] = data.consumeBytes(data.consumeInt(0, 40));
        }
        check(List.of(frames), text);
    }

    @Test
    void anyRandomCompressedPayloadYieldsAMessageOrACloseCodeNeverAnException() {
        Generated.forAll(300, gen -> check(gen.list(0, 200, () -> gen.bytes(40)), gen.bool()));
    }

    private static void check(List<byte[]> frames, boolean text) {
        PerMessageDeflateHarness client = new PerMessageDeflateHarness(Role.CLIENT,
                SessionConfig.DEFAULTS.withMaxMessageSize(4096), new PerMessageDeflate(Role.CLIENT,
                PerMessageDeflateParameters.DEFAULTS, PerMessageDeflateConfig.DEFAULTS.withNoContextTakeover(false)));
        Opcode opcode = text ? Opcode.TEXT : Opcode.BINARY;
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int i = 0; i < frames.size(); i++) {
            // every other frame starts a new message, so that the window carries over too
            boolean first = i % 2 == 0;
            boolean fin = !first || i == frames.size() - 1;
            wire.writeBytes(client.frame(fin, first, first ? opcode : Opcode.CONTINUATION, frames.get(i)));
        }
        client.receive(wire.toByteArray());
        for (String event : client.events) {
            assertTrue(event.startsWith("TEXT:") || event.startsWith("BINARY:") || ALLOWED_ERRORS.contains(event),
                    event);
        }
    }
}
