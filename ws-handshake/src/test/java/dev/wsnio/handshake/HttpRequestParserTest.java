package dev.wsnio.handshake;

import static dev.wsnio.handshake.Heads.buffer;
import static dev.wsnio.handshake.Heads.crlf;
import static dev.wsnio.handshake.Heads.request;
import static dev.wsnio.handshake.Heads.requestError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpRequestParserTest {

    private static final String REQUEST = """
            GET /chat?room=1 HTTP/1.1
            Host: server.example.com
            Upgrade: websocket
            Connection: Upgrade

            """;

    @Test
    void parsesRequestLineAndHeadersInOrder() throws HttpParseException {
        HttpRequestHead head = request(REQUEST);

        assertEquals("GET", head.method());
        assertEquals("/chat?room=1", head.target().raw());
        assertEquals(HttpVersion.HTTP_1_1, head.version());
        assertEquals(List.of(new HttpField("Host", "server.example.com"), new HttpField("Upgrade", "websocket"),
                new HttpField("Connection", "Upgrade")), head.headers().fields());
    }

    @Test
    void returnsFalseUntilTheEmptyLineArrivesOneByteAtATime() throws HttpParseException {
        byte[] bytes = crlf(REQUEST).getBytes(StandardCharsets.ISO_8859_1);
        HttpRequestParser parser = new HttpRequestParser();
        for (int i = 0; i < bytes.length - 1; i++) {
            assertFalse(parser.parse(ByteBuffer.wrap(bytes, i, 1)), "incomplete after byte " + i);
        }
        assertTrue(parser.parse(ByteBuffer.wrap(bytes, bytes.length - 1, 1)));
        assertEquals(request(REQUEST), parser.result());
    }

    @Test
    void stopsAtTheEndOfTheHeadLeavingAPipelinedFrameInTheBuffer() throws HttpParseException {
        String frame = "\u0081\u0085\u0037\u00fa\u0021\u003d\u007f\u009f\u004d\u0051\u0058";
        ByteBuffer in = buffer(crlf(REQUEST) + frame);
        HttpRequestParser parser = new HttpRequestParser();

        assertTrue(parser.parse(in));

        assertEquals(frame.length(), in.remaining());
        assertEquals((byte) 0x81, in.get(in.position()));
    }

    @Test
    void takesNothingMoreOnceComplete() throws HttpParseException {
        HttpRequestParser parser = new HttpRequestParser();
        parser.parse(buffer(crlf(REQUEST)));
        ByteBuffer more = buffer("GET / HTTP/1.1\r\n");

        assertTrue(parser.parse(more));
        assertEquals(0, more.position());
    }

    @Test
    void resultBeforeCompletionIsAnError() throws HttpParseException {
        HttpRequestParser parser = new HttpRequestParser();
        parser.parse(buffer("GET / HTTP/1.1\r\nHost: a\r\n"));

        assertThrows(IllegalStateException.class, parser::result);
    }

    @Test
    void keepsFailingWithTheSameErrorAfterAFailure() {
        HttpRequestParser parser = new HttpRequestParser();
        HttpParseException first = assertThrows(HttpParseException.class,
                () -> parser.parse(buffer("GET / HTTP/1.1\nHost: a\r\n\r\n")));

        HttpParseException again = assertThrows(HttpParseException.class, () -> parser.parse(buffer("\r\n")));

        assertSame(first, again);
    }

    @Test
    void ignoresEmptyLinesBeforeTheRequestLine() throws HttpParseException {
        assertEquals("GET", request("\n\n" + REQUEST).method());
    }

    @Test
    void stripsWhitespaceAroundFieldValuesAndKeepsInnerWhitespace() throws HttpParseException {
        HttpRequestHead head = request("GET / HTTP/1.1\nHost: a\nX-Note: \t two  words \t\n\n");

        assertEquals("two  words", head.headers().first("x-note").orElseThrow());
    }

    @Test
    void acceptsAnEmptyFieldValue() throws HttpParseException {
        assertEquals("", request("GET / HTTP/1.1\nHost: a\nX-Empty:\n\n").headers().first("X-Empty").orElseThrow());
    }

    @Test
    void readsObsTextInValuesAsLatin1() throws HttpParseException {
        HttpRequestHead head = request("GET / HTTP/1.1\nHost: a\nX-Name: caf\u00e9\n\n");

        assertEquals("caf\u00e9", head.headers().first("X-Name").orElseThrow());
    }

    @Test
    void acceptsHttp10WithoutHost() throws HttpParseException {
        assertEquals(HttpVersion.HTTP_1_0, request("GET / HTTP/1.0\n\n").version());
    }

    @Test
    void rejectsBareLineFeedWith400() {
        HttpParseError error = requestError(HeadLimits.DEFAULT, "GET / HTTP/1.1\nHost: a\r\n\r\n");

        assertEquals(HttpParseError.BARE_LINE_FEED, error);
        assertEquals(400, error.status());
    }

    @Test
    void rejectsCarriageReturnNotFollowedByLineFeedWith400() {
        assertEquals(HttpParseError.BARE_CARRIAGE_RETURN,
                requestError(HeadLimits.DEFAULT, "GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n"));
    }

    @Test
    void rejectsObsoleteLineFoldingWith400() {
        HttpParseError error = requestError("GET / HTTP/1.1\nHost: a\nX-Long: first\n second\n\n");

        assertEquals(HttpParseError.OBSOLETE_LINE_FOLDING, error);
        assertEquals(400, error.status());
    }

    @Test
    void rejectsWhitespaceBeforeTheFirstField() {
        assertEquals(HttpParseError.OBSOLETE_LINE_FOLDING, requestError("GET / HTTP/1.1\n\tHost: a\n\n"));
    }

    @Test
    void rejectsWhitespaceBetweenFieldNameAndColonWith400() {
        HttpParseError error = requestError("GET / HTTP/1.1\nHost : a\n\n");

        assertEquals(HttpParseError.WHITESPACE_BEFORE_COLON, error);
        assertEquals(400, error.status());
    }

    @Test
    void rejectsFieldNameWithInvalidTokenCharacterWith400() {
        assertEquals(HttpParseError.INVALID_FIELD_NAME, requestError("GET / HTTP/1.1\nHost: a\nX(y): 1\n\n"));
        assertEquals(HttpParseError.INVALID_FIELD_NAME, requestError("GET / HTTP/1.1\nHost: a\n: 1\n\n"));
        assertEquals(HttpParseError.INVALID_FIELD_NAME, requestError("GET / HTTP/1.1\nHost: a\nX\u00e9: 1\n\n"));
    }

    @Test
    void rejectsFieldLineWithoutColonWith400() {
        assertEquals(HttpParseError.MISSING_COLON, requestError("GET / HTTP/1.1\nHost: a\nNoColon\n\n"));
    }

    @Test
    void rejectsControlCharactersInFieldValuesWith400() {
        assertEquals(HttpParseError.INVALID_FIELD_VALUE, requestError("GET / HTTP/1.1\nHost: a\nX: a\u0000b\n\n"));
        assertEquals(HttpParseError.INVALID_FIELD_VALUE, requestError("GET / HTTP/1.1\nHost: a\nX: a\u007fb\n\n"));
    }

    @Test
    void rejectsMissingHostInHttp11With400() {
        HttpParseError error = requestError("GET / HTTP/1.1\nUpgrade: websocket\n\n");

        assertEquals(HttpParseError.MISSING_HOST, error);
        assertEquals(400, error.status());
    }

    @Test
    void rejectsTwoHostLinesWith400() {
        assertEquals(HttpParseError.DUPLICATE_HOST, requestError("GET / HTTP/1.0\nHost: a\nhost: b\n\n"));
    }

    @Test
    void rejectsHostWithCharactersOutsideTheHostGrammarWith400() {
        assertEquals(HttpParseError.INVALID_HOST, requestError("GET / HTTP/1.1\nHost: a/b\n\n"));
        assertEquals(HttpParseError.INVALID_HOST, requestError("GET / HTTP/1.1\nHost: a b\n\n"));
    }

    @Test
    void acceptsHostWithPortAndIpv6Literal() throws HttpParseException {
        assertEquals("[::1]:8080", request("GET / HTTP/1.1\nHost: [::1]:8080\n\n").headers().first("Host").orElseThrow());
    }

    @Test
    void rejectsHttp2VersionWith505() {
        HttpParseError error = requestError("GET / HTTP/2.0\nHost: a\n\n");

        assertEquals(HttpParseError.UNSUPPORTED_HTTP_VERSION, error);
        assertEquals(505, error.status());
    }

    @Test
    void treatsAHigherMinorVersionAsHttp1() throws HttpParseException {
        assertEquals(new HttpVersion(1, 2), request("GET / HTTP/1.2\nHost: a\n\n").version());
    }

    @Test
    void rejectsMalformedRequestLinesWith400() {
        for (String line : List.of("GET / http/1.1", "GET /  HTTP/1.1", "GET  / HTTP/1.1", "GET / HTTP/1.1 ",
                "GET /", "GET", "G(T / HTTP/1.1", "GET / HTTP/1.10", "GET / HTTP/1", " GET / HTTP/1.1")) {
            HttpParseError error = requestError(line + "\nHost: a\n\n");
            assertEquals(HttpParseError.MALFORMED_START_LINE, error, line);
            assertEquals(400, error.status());
        }
    }

    @Test
    void rejectsMalformedTargetsWith400() {
        for (String target : List.of("/a#b", "/a%2", "/a%zz", "/%ff", "chat", "ftp://h/", "http:///x", "*",
                "example.com:443", "/caf\u00e9")) {
            assertEquals(HttpParseError.MALFORMED_REQUEST_TARGET, requestError("GET " + target + " HTTP/1.1\nHost: a\n\n"),
                    target);
        }
    }

    @Test
    void acceptsTheAsteriskFormForOptions() throws HttpParseException {
        assertTrue(request("OPTIONS * HTTP/1.1\nHost: a\n\n").target().isAsterisk());
    }

    @Test
    void rejectsAHeadLargerThanTheLimitWith431() {
        HeadLimits limits = new HeadLimits(64, 64, 100);
        String head = crlf("GET / HTTP/1.1\nHost: a\nX-Padding: " + "x".repeat(40) + "\n\n");

        HttpParseError error = requestError(limits, head);

        assertEquals(HttpParseError.HEAD_TOO_LARGE, error);
        assertEquals(431, error.status());
    }

    @Test
    void acceptsAHeadOfExactlyTheLimit() throws HttpParseException {
        String head = crlf("GET / HTTP/1.1\nHost: a\n\n");
        HttpRequestParser parser = new HttpRequestParser(new HeadLimits(head.length(), 100, 100));

        assertTrue(parser.parse(buffer(head + "next frame")));
    }

    @Test
    void neverTakesMoreBytesThanTheHeadLimit() {
        HeadLimits limits = new HeadLimits(100, 1000, 100);
        ByteBuffer in = buffer("GET / HTTP/1.1\r\nHost: a\r\nX: " + "y".repeat(500));
        HttpRequestParser parser = new HttpRequestParser(limits);

        assertThrows(HttpParseException.class, () -> parser.parse(in));

        assertEquals(100, in.position());
    }

    @Test
    void rejectsMoreFieldsThanTheLimitWith431() {
        HeadLimits limits = new HeadLimits(8192, 8192, 3);

        assertEquals(HttpParseError.TOO_MANY_FIELDS,
                requestError(limits, crlf("GET / HTTP/1.1\nHost: a\nA: 1\nB: 2\nC: 3\n\n")));
    }

    @Test
    void acceptsExactlyTheFieldLimit() throws HttpParseException {
        HttpRequestParser parser = new HttpRequestParser(new HeadLimits(8192, 8192, 3));

        assertTrue(parser.parse(buffer(crlf("GET / HTTP/1.1\nHost: a\nA: 1\nB: 2\n\n"))));
    }

    @Test
    void rejectsAFieldLineLongerThanTheLineLimitWith431() {
        HeadLimits limits = new HeadLimits(8192, 32, 100);
        HttpParseError error = requestError(limits, crlf("GET / HTTP/1.1\nHost: a\nX: " + "y".repeat(30) + "\n\n"));

        assertEquals(HttpParseError.FIELD_LINE_TOO_LONG, error);
        assertEquals(431, error.status());
    }

    @Test
    void rejectsARequestLineLongerThanTheLineLimitWith414() {
        HeadLimits limits = new HeadLimits(8192, 32, 100);
        HttpParseError error = requestError(limits, crlf("GET /" + "a".repeat(30) + " HTTP/1.1\nHost: a\n\n"));

        assertEquals(HttpParseError.START_LINE_TOO_LONG, error);
        assertEquals(414, error.status());
    }

    @Test
    void rejectsARequestLineThatDoesNotFitInTheHeadLimitWith414Not431() {
        // the defaults: the head limit (8 KiB) binds before the line limit (8 KiB without CRLF)
        HttpParseError error = requestError(HeadLimits.DEFAULT,
                crlf("GET /" + "a".repeat(9000) + " HTTP/1.1\nHost: a\n\n"));

        assertEquals(HttpParseError.START_LINE_TOO_LONG, error);
        assertEquals(414, error.status());
    }

    @Test
    void aRequestLineThatFitsFollowedByFieldsThatDoNotGets431() {
        String requestLine = "GET /" + "a".repeat(40) + " HTTP/1.1\r\n";
        HeadLimits limits = new HeadLimits(requestLine.length(), 8192, 100);

        assertEquals(HttpParseError.HEAD_TOO_LARGE, requestError(limits, requestLine + "Host: a\r\n\r\n"));
    }

    @Test
    void emptyLinesBeforeTheRequestLineThatDoNotFitGet431() {
        assertEquals(HttpParseError.HEAD_TOO_LARGE, requestError(new HeadLimits(8, 8192, 100), "\r\n".repeat(10)));
    }

    @Test
    void acceptsALineOfExactlyTheLineLimit() throws HttpParseException {
        String requestLine = "GET /" + "a".repeat(18) + " HTTP/1.1";
        HttpRequestParser parser = new HttpRequestParser(new HeadLimits(8192, requestLine.length(), 100));

        assertTrue(parser.parse(buffer(crlf(requestLine + "\nHost: a\n\n"))));
    }

    @Test
    void rendersAParseErrorAsAClosingPlainTextResponse() {
        HttpParseException error = new HttpParseException(HttpParseError.HEAD_TOO_LARGE);

        assertEquals("""
                HTTP/1.1 431 Request Header Fields Too Large\r
                Connection: close\r
                Content-Type: text/plain; charset=utf-8\r
                Content-Length: 22\r
                \r
                request head too large""", Heads.text(error.toResponse().toBytes()));
    }
}
