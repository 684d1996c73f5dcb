package dev.wsnio.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class HttpRequestParserPropertiesTest {

    private static final HeadLimits ROOMY = new HeadLimits(1 << 16, 1 << 16, 1000);
    private static final HeadLimits TIGHT = new HeadLimits(256, 64, 100);

    /** What a request means; {@link #wire()} writes it, with random whitespace around values. */
    record RequestModel(String method, List<String> pathSegments, List<NamedValues.Entry> query,
            HttpVersion version, List<HttpField> fields, List<String> padding) {

        String wire() {
            String path = "/" + pathSegments.stream()
                    .map(segment -> HttpArbitraries.percentEncode(segment, false))
                    .collect(Collectors.joining("/"));
            String target = query.isEmpty() ? path : path + "?" + query.stream()
                    .map(entry -> HttpArbitraries.percentEncode(entry.name(), true) + "="
                            + HttpArbitraries.percentEncode(entry.value(), true))
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

    @Provide
    Arbitrary<RequestModel> requests() {
        Arbitrary<String> methods = Arbitraries.oneOf(Arbitraries.of("GET", "POST", "OPTIONS"), HttpArbitraries.tokens());
        Arbitrary<List<String>> segments = HttpArbitraries.unicodeText().list().ofMaxSize(4);
        Arbitrary<List<NamedValues.Entry>> query = Combinators
                .combine(HttpArbitraries.unicodeText(), HttpArbitraries.unicodeText())
                .as(NamedValues.Entry::new)
                .list().ofMaxSize(4);
        Arbitrary<HttpVersion> versions = Arbitraries.of(HttpVersion.HTTP_1_0, HttpVersion.HTTP_1_1, new HttpVersion(1, 9));
        Arbitrary<HttpField> field = Combinators
                .combine(HttpArbitraries.tokens().filter(name -> !name.equalsIgnoreCase("Host")),
                        HttpArbitraries.fieldValues())
                .as(HttpField::new);
        Arbitrary<List<HttpField>> fields = Combinators
                .combine(field.list().ofMaxSize(12), HttpArbitraries.hosts(), Arbitraries.integers().between(0, 12))
                .as((others, host, at) -> {
                    // Host is required in HTTP/1.1, anywhere among the fields
                    List<HttpField> all = new ArrayList<>(others);
                    all.add(Math.min(at, all.size()), new HttpField("Host", host));
                    return all;
                });
        return Combinators.combine(methods, segments, query, versions, fields,
                        HttpArbitraries.optionalWhitespace().list().ofMinSize(1).ofMaxSize(3))
                .as(RequestModel::new);
    }

    @Provide
    Arbitrary<List<Integer>> chunkSizes() {
        return Arbitraries.integers().between(1, 40).list().ofMinSize(1).ofMaxSize(8);
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

    @Property(edgeCases = EdgeCasesMode.MIXIN)
    void anyWellFormedRequestParsesToItsMeaningInAnyChunking(@ForAll("requests") RequestModel request,
            @ForAll("chunkSizes") List<Integer> chunkSizes, @ForAll @Size(max = 20) byte[] pipelined)
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

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void arbitraryBytesGiveAResultOrATypedErrorWithinTheLimit(@ForAll @Size(max = 600) byte[] bytes,
            @ForAll("chunkSizes") List<Integer> chunkSizes) {
        assertTypedOutcomeWithinLimit(bytes, chunkSizes);
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void plausibleHeadsWithNoiseGiveAResultOrATypedErrorWithinTheLimit(@ForAll("noisyHeads") byte[] bytes,
            @ForAll("chunkSizes") List<Integer> chunkSizes) {
        assertTypedOutcomeWithinLimit(bytes, chunkSizes);
    }

    @Property(edgeCases = EdgeCasesMode.MIXIN)
    void aMutatedRequestGivesAResultOrATypedError(@ForAll("requests") RequestModel request,
            @ForAll @IntRange(max = 10_000) int position, @ForAll byte replacement,
            @ForAll("chunkSizes") List<Integer> chunkSizes) {
        byte[] bytes = request.wire().getBytes(StandardCharsets.ISO_8859_1);
        bytes[position % bytes.length] = replacement;
        HttpRequestParser parser = new HttpRequestParser(ROOMY);
        try {
            feed(parser, ByteBuffer.wrap(bytes).limit(0), chunkSizes);
        } catch (HttpParseException expected) {
            assertTrue(expected.status() >= 400);
        }
    }

    private static void assertTypedOutcomeWithinLimit(byte[] bytes, List<Integer> chunkSizes) {
        HttpRequestParser parser = new HttpRequestParser(TIGHT);
        ByteBuffer in = ByteBuffer.wrap(bytes).limit(0);
        try {
            if (feed(parser, in, chunkSizes)) {
                parser.result();
            }
        } catch (HttpParseException expected) {
            assertTrue(List.of(400, 414, 431, 505).contains(expected.status()), expected.error().name());
        }
        assertTrue(in.position() <= TIGHT.maxHeadBytes(), "took " + in.position() + " bytes");
    }

    @Provide
    Arbitrary<byte[]> noisyHeads() {
        Arbitrary<String> startLines = Arbitraries.of("GET / HTTP/1.1\r\n", "GET /%zz HTTP/1.1\r\n",
                "GET / HTTP/2.0\r\n", "\r\nGET /chat?a=1 HTTP/1.0\r\n", "GET / HTTP/1.1\n", "");
        Arbitrary<String> fieldPieces = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of("Host: a\r\n", "Upgrade: websocket\r\n", "X: y\r\n",
                        "X-Padding: 0123456789012345678901234567890123456789\r\n")),
                Tuple.of(1, Arbitraries.of("\r\n", "\n", "\r", " folded\r\n", ":", "\t", "\u0000", "\u00ff",
                        "Host : b\r\n", "Host: b\r\n")),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(8)));
        return Combinators.combine(startLines, fieldPieces.list().ofMaxSize(12))
                .as((startLine, fields) -> (startLine + String.join("", fields)).getBytes(StandardCharsets.ISO_8859_1));
    }

    @Property(edgeCases = EdgeCasesMode.MIXIN)
    void aHeadLongerThanTheLimitIsRefusedAfterTakingExactlyTheLimit(@ForAll("requests") RequestModel request,
            @ForAll @IntRange(min = 1, max = 10_000) int limitSeed, @ForAll("chunkSizes") List<Integer> chunkSizes) {
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
