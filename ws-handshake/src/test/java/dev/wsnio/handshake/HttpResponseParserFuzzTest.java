package dev.wsnio.handshake;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wsnio.testkit.Generated;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The response head parser fed any bytes, in any chunking, under tight limits: it gives a result
 * or a typed {@link HttpParseException}, never another exception, and never takes more than the
 * head limit.
 *
 * <p>Fuzzed by Jazzer (regression inputs under {@code
 * src/test/resources/dev/wsnio/handshake/HttpResponseParserFuzzTestInputs/}, run by every build;
 * {@code mvn verify -Pfuzz} fuzzes it), and checked on seeded random bytes.
 */
class HttpResponseParserFuzzTest {

    private static final HeadLimits TIGHT = new HeadLimits(256, 64, 100);

    @FuzzTest
    void anyBytesGiveAResultOrATypedErrorWithinTheLimit(FuzzedDataProvider data) {
        List<Integer> chunkSizes = HttpRequestParserFuzzTest.chunkSizes(data);
        assertTypedOutcomeWithinLimit(data.consumeRemainingAsBytes(), chunkSizes);
    }

    @Test
    void randomBytesGiveAResultOrATypedErrorWithinTheLimit() {
        Generated.forAll(1000, gen -> assertTypedOutcomeWithinLimit(gen.bytes(600),
                HttpRequestParserPropertiesTest.chunkSizes(gen)));
    }

    private static void assertTypedOutcomeWithinLimit(byte[] bytes, List<Integer> chunkSizes) {
        HttpResponseParser parser = new HttpResponseParser(TIGHT);
        ByteBuffer in = ByteBuffer.wrap(bytes).limit(0);
        try {
            for (int chunk = 0; in.limit() < in.capacity(); chunk++) {
                in.limit(Math.min(in.limit() + chunkSizes.get(chunk % chunkSizes.size()), in.capacity()));
                if (parser.parse(in)) {
                    parser.result();
                    break;
                }
            }
        } catch (HttpParseException expected) {
            // the only failure allowed
        }
        assertTrue(in.position() <= TIGHT.maxHeadBytes(), "took " + in.position() + " bytes");
    }
}
