package dev.wsnio.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.testkit.Gen;
import dev.wsnio.testkit.Generated;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The request head parser (RFC 9112 §2-§5) on generated requests: any well-formed request parses
 * to what it means in any chunking and stops exactly at its end; a mutated one gives a result or
 * a typed error; one longer than the limit is refused after taking exactly the limit. What it
 * does with any bytes at all is in {@link HttpRequestParserFuzzTest}.
 */
class HttpRequestParserPropertiesTest {

    private static final HeadLimits ROOMY = new HeadLimits(1 << 16, 1 << 16, 1000);

    /** What a request means; {@link #wire()} writes it, with random whitespace around values. */
    record RequestModel(String method, List<String> pathSegments, List<NamedValues.Entry> query,
            HttpVersion version, List<HttpField> fields, List<String> padding) {

        String wire() {
            String path = "/" + pathSegments.stream()
                    .map(segment -> HttpGenerators.percentEncode(segment, false))
                    .collect(Collectors.joining("/"));
            String target = query.isEmpty() ? path : path + "?" + query.stream()
                    .map(entry -> HttpGenerators.percentEncode(entry.name(), true) + "="
                            + HttpGenerators.percentEncode(entry.value(), true))
                    .collect(Collectors.joining("&"));
            StringBuilder head = new StringBuilder(method + " " + target + " " + version + "\r\n");
            for (int i = 0; i < fields.size(); i++) {
                String pad = padding.get(i % padding.size());
                head.append(fields.get(i).name()).append(':').append(pad).append(fields.get(i).value())
                        .append(pad).append("\r\n");
            }
            return head.append("\r\n").toString();
        }

        String decodedPath() {
            return "/" + String.join("/", pathSegments);
        }
    }

    /** A well-formed request: any method, path segments, query, version and fields, Host among them. */
    static RequestModel request(Gen gen) {
        String method = gen.bool() ? gen.pick("GET", "POST", "OPTIONS") : HttpGenerators.token(gen);
        List<String> segments = gen.list(0, 4, () -> HttpGenerators.unicodeText(gen));
        List<NamedValues.Entry> query = gen.list(0, 4,
                () -> new NamedValues.Entry(HttpGenerators.unicodeText(gen), HttpGenerators.unicodeText(gen)));
        HttpVersion version = gen.pick(HttpVersion.HTTP_1_0, HttpVersion.HTTP_1_1, new HttpVersion(1, 9));
        List<HttpField> fields = new ArrayList<>(gen.list(0, 12, () -> {
            String name;
            do {
                name = HttpGenerators.token(gen);
            } while (name.equalsIgnoreCase("Host"));
            return new HttpField(name, HttpGenerators.fieldValue(gen));
        }));
        // Host is required in HTTP/1.1, anywhere among the fields
        fields.add(Math.min(gen.between(0, 12), fields.size()), new HttpField("Host", HttpGenerators.host(gen)));
        List<String> padding = gen.list(1, 3, () -> HttpGenerators.optionalWhitespace(gen));
        return new RequestModel(method, segments, query, version, fields, padding);
    }

    /** The sizes of the reads a head arrives in, used in turn. */
    static List<Integer> chunkSizes(Gen gen) {
        return gen.list(1, 8, () -> gen.between(1, 40));
    }

    /**
     * Lets the parser see more of the buffer's array, a chunk of the given sizes at a time, in
     * turn, until it completes or the array is exhausted.
     */
    static boolean feed(HttpRequestParser parser, ByteBuffer in, List<Integer> chunkSizes) throws HttpParseException {
        int chunk = 0;
        while (in.limit() < in.capacity()) {
            in.limit(Math.min(in.limit() + chunkSizes.get(chunk++ % chunkSizes.size()), in.capacity()));
            if (parser.parse(in)) {
                return true;
            }
            assertFalse(in.hasRemaining(), "an incomplete head takes all it is given");
        }
        return false;
    }

    @Test
    void anyWellFormedRequestParsesToItsMeaningInAnyChunking() {
        Generated.forAll(200, gen -> parseInChunks(request(gen), chunkSizes(gen), gen.bytes(20)));
    }

    private static void parseInChunks(RequestModel request, List<Integer> chunkSizes, byte[] pipelined)
            throws HttpParseException {
        byte[] head = request.wire().getBytes(StandardCharsets.ISO_8859_1);
        byte[] stream = new byte[head.length + pipelined.length];
        System.arraycopy(head, 0, stream, 0, head.length);
        System.arraycopy(pipelined, 0, stream, head.length, pipelined.length);
        HttpRequestParser parser = new HttpRequestParser(ROOMY);
        ByteBuffer in = ByteBuffer.wrap(stream).limit(0);

        assertTrue(feed(parser, in, chunkSizes));

        assertEquals(head.length, in.position(), "stops exactly at the end of the head");
        HttpRequestHead parsed = parser.result();
        assertEquals(request.method(), parsed.method());
        assertEquals(request.decodedPath(), parsed.target().path());
        assertEquals(request.query(), parsed.target().queryParameters().entries());
        assertEquals(request.version(), parsed.version());
        assertEquals(request.fields(), parsed.headers().fields());
        HttpRequestParser whole = new HttpRequestParser(ROOMY);
        assertTrue(whole.parse(ByteBuffer.wrap(head)));
        assertEquals(whole.result(), parsed);
    }

    @Test
    void aMutatedRequestGivesAResultOrATypedError() {
        Generated.forAll(200, gen -> parseMutated(request(gen), gen.between(0, 10_000), (byte) gen.anyInt(),
                chunkSizes(gen)));
    }

    private static void parseMutated(RequestModel request, int position, byte replacement, List<Integer> chunkSizes) {
        byte[] bytes = request.wire().getBytes(StandardCharsets.ISO_8859_1);
        bytes[position % bytes.length] = replacement;
        HttpRequestParser parser = new HttpRequestParser(ROOMY);
        try {
            feed(parser, ByteBuffer.wrap(bytes).limit(0), chunkSizes);
        } catch (HttpParseException expected) {
            assertTrue(expected.status() >= 400);
        }
    }

    @Test
    void aHeadLongerThanTheLimitIsRefusedAfterTakingExactlyTheLimit() {
        Generated.forAll(200, gen -> refuseOverLimit(request(gen), gen.between(1, 10_000), chunkSizes(gen)));
    }

    private static void refuseOverLimit(RequestModel request, int limitSeed, List<Integer> chunkSizes) {
        byte[] head = request.wire().getBytes(StandardCharsets.ISO_8859_1);
        int limit = 1 + limitSeed % (head.length - 1);
        HttpRequestParser parser = new HttpRequestParser(new HeadLimits(limit, 1 << 16, 1000));
        ByteBuffer in = ByteBuffer.wrap(head).limit(0);

        HttpParseException refused = assertThrows(HttpParseException.class, () -> feed(parser, in, chunkSizes));

        // the request line checks first: a limit inside it (or its CRLF) makes it too long
        boolean inRequestLine = limit < request.wire().indexOf("\r\n") + 2;
        assertEquals(inRequestLine ? HttpParseError.START_LINE_TOO_LONG : HttpParseError.HEAD_TOO_LARGE, refused.error());
        assertEquals(limit, in.position());
    }
}
