package dev.wsnio.handshake;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Builds message heads from readable text for tests: every {@code \n} becomes CRLF. */
final class Heads {

    private Heads() {
    }

    static String crlf(String text) {
        return text.replace("\n", "\r\n");
    }

    static ByteBuffer buffer(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    static HttpRequestHead request(String text) throws HttpParseException {
        HttpRequestParser parser = new HttpRequestParser();
        assertTrue(parser.parse(buffer(crlf(text))), "head complete");
        return parser.result();
    }

    static HttpParseError requestError(String text) {
        return requestError(HeadLimits.DEFAULT, crlf(text));
    }

    static HttpParseError requestError(HeadLimits limits, String rawText) {
        HttpRequestParser parser = new HttpRequestParser(limits);
        return assertThrows(HttpParseException.class, () -> parser.parse(buffer(rawText))).error();
    }

    static HttpResponseHead response(String text) throws HttpParseException {
        HttpResponseParser parser = new HttpResponseParser();
        assertTrue(parser.parse(buffer(crlf(text))), "head complete");
        return parser.result();
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
