package dev.wsnio.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class HttpResponseParserPropertiesTest {

    record ResponseModel(int status, String reasonPhrase, List<HttpField> fields) {

        byte[] wire() {
            StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " " + reasonPhrase + "\r\n");
            fields.forEach(field -> head.append(field.name()).append(": ").append(field.value()).append("\r\n"));
            return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    @Provide
    Arbitrary<ResponseModel> responses() {
        Arbitrary<HttpField> field = Combinators.combine(HttpArbitraries.tokens(), HttpArbitraries.fieldValues())
                .as(HttpField::new);
        return Combinators.combine(Arbitraries.integers().between(100, 599), HttpArbitraries.fieldValues(),
                        field.list().ofMaxSize(12))
                .as(ResponseModel::new);
    }

    @Provide
    Arbitrary<List<Integer>> chunkSizes() {
        return Arbitraries.integers().between(1, 40).list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(edgeCases = EdgeCasesMode.MIXIN)
    void anyWellFormedResponseParsesToItsMeaningInAnyChunking(@ForAll("responses") ResponseModel response,
            @ForAll("chunkSizes") List<Integer> chunkSizes, @ForAll @Size(max = 20) byte[] firstFrames)
            throws HttpParseException {
        byte[] head = response.wire();
        ByteBuffer in = ByteBuffer.allocate(head.length + firstFrames.length).put(head).put(firstFrames).flip().limit(0);
        HttpResponseParser parser = new HttpResponseParser();

        boolean complete = false;
        for (int chunk = 0; !complete; chunk++) {
            assertTrue(in.limit() < in.capacity(), "completes before the input ends");
            in.limit(Math.min(in.limit() + chunkSizes.get(chunk % chunkSizes.size()), in.capacity()));
            complete = parser.parse(in);
            assertTrue(complete || !in.hasRemaining(), "an incomplete head takes all it is given");
        }

        assertEquals(head.length, in.position(), "stops exactly at the end of the head");
        HttpResponseHead parsed = parser.result();
        assertEquals(response.status(), parsed.status());
        assertEquals(response.reasonPhrase(), parsed.reasonPhrase());
        assertEquals(response.fields(), parsed.headers().fields());
        assertFalse(parsed.version().major() != 1);
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void arbitraryBytesGiveAResultOrATypedErrorWithinTheLimit(@ForAll @Size(max = 600) byte[] bytes,
            @ForAll("chunkSizes") List<Integer> chunkSizes) {
        HeadLimits limits = new HeadLimits(256, 64, 100);
        HttpResponseParser parser = new HttpResponseParser(limits);
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
        assertTrue(in.position() <= limits.maxHeadBytes(), "took " + in.position() + " bytes");
    }
}
