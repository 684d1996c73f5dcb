package dev.wsnio.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.testkit.Gen;
import dev.wsnio.testkit.Generated;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The response head parser (the client's side of the handshake) on generated responses: any
 * well-formed one parses to what it means in any chunking and stops exactly at its end, leaving
 * the first frames that follow it. What it does with any bytes at all is in
 * {@link HttpResponseParserFuzzTest}.
 */
class HttpResponseParserPropertiesTest {

    record ResponseModel(int status, String reasonPhrase, List<HttpField> fields) {

        byte[] wire() {
            StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " " + reasonPhrase + "\r\n");
            fields.forEach(field -> head.append(field.name()).append(": ").append(field.value()).append("\r\n"));
            return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /** A response with any status, reason phrase and fields. */
    static ResponseModel response(Gen gen) {
        return new ResponseModel(gen.between(100, 599), HttpGenerators.fieldValue(gen),
                gen.list(0, 12, () -> new HttpField(HttpGenerators.token(gen), HttpGenerators.fieldValue(gen))));
    }

    @Test
    void anyWellFormedResponseParsesToItsMeaningInAnyChunking() {
        Generated.forAll(200, gen -> parseInChunks(response(gen), HttpRequestParserPropertiesTest.chunkSizes(gen),
                gen.bytes(20)));
    }

    private static void parseInChunks(ResponseModel response, List<Integer> chunkSizes, byte[] firstFrames)
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
}
