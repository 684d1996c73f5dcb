package dev.wsnio.handshake;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wsnio.testkit.Gen;
import dev.wsnio.testkit.Generated;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The request head parser fed any bytes, in any chunking, under tight limits: it gives a result
 * or a typed {@link HttpParseException} with a 4xx/5xx status the server can answer with (400,
 * 414, 431, 505), never another exception, and never takes more than the head limit.
 *
 * <p>Fuzzed by Jazzer (regression inputs under {@code
 * src/test/resources/dev/wsnio/handshake/HttpRequestParserFuzzTestInputs/}, run by every build;
 * {@code mvn verify -Pfuzz} fuzzes it), and checked on seeded bytes: random ones, and plausible
 * heads with noise in them.
 */
class HttpRequestParserFuzzTest {

    private static final HeadLimits TIGHT = new HeadLimits(256, 64, 100);

    @FuzzTest
    void anyBytesGiveAResultOrATypedErrorWithinTheLimit(FuzzedDataProvider data) {
        List<Integer> chunkSizes = chunkSizes(data);
        assertTypedOutcomeWithinLimit(data.consumeRemainingAsBytes(), chunkSizes);
    }

    @Test
    void randomBytesGiveAResultOrATypedErrorWithinTheLimit() {
        Generated.forAll(1000, gen -> assertTypedOutcomeWithinLimit(gen.bytes(600),
                HttpRequestParserPropertiesTest.chunkSizes(gen)));
    }

    @Test
    void plausibleHeadsWithNoiseGiveAResultOrATypedErrorWithinTheLimit() {
        Generated.forAll(1000, gen -> assertTypedOutcomeWithinLimit(noisyHead(gen),
                HttpRequestParserPropertiesTest.chunkSizes(gen)));
    }

    /** One to eight read sizes of 1 to 40 bytes, taken from the end of the fuzzer's input. */
    static List<Integer> chunkSizes(FuzzedDataProvider data) {
        int count = data.consumeInt(1, 8);
        List<Integer> sizes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            sizes.add(data.consumeInt(1, 40));
        }
        return sizes;
    }

    private static void assertTypedOutcomeWithinLimit(byte[] bytes, List<Integer> chunkSizes) {
        HttpRequestParser parser = new HttpRequestParser(TIGHT);
        ByteBuffer in = ByteBuffer.wrap(bytes).limit(0);
        try {
            if (HttpRequestParserPropertiesTest.feed(parser, in, chunkSizes)) {
                parser.result();
            }
        } catch (HttpParseException expected) {
            assertTrue(List.of(400, 414, 431, 505).contains(expected.status()), expected.error().name());
        }
        assertTrue(in.position() <= TIGHT.maxHeadBytes(), "took " + in.position() + " bytes");
    }

    /** A start line (valid or nearly) and field lines, most of them valid, some of them broken. */
    private static byte[] noisyHead(Gen gen) {
        StringBuilder head = new StringBuilder(gen.pick("GET / HTTP/1.1\r\n", "GET /%zz HTTP/1.1\r\n",
                "GET / HTTP/2.0\r\n", "\r\nGET /chat?a=1 HTTP/1.0\r\n", "GET / HTTP/1.1\n", ""));
        for (int pieces = gen.length(0, 12); pieces > 0; pieces--) {
            head.append(switch (gen.weighted(8, 1, 1)) {
                case 0 -> gen.pick("Host: a\r\n", "Upgrade: websocket\r\n", "X: y\r\n",
                        "X-Padding: 0123456789012345678901234567890123456789\r\n");
                case 1 -> gen.pick("\r\n", "\n", "\r", " folded\r\n", ":", "\t", "\u0000", "\u00ff",
                        "Host : b\r\n", "Host: b\r\n");
                default -> gen.anyString(8);
            });
        }
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
