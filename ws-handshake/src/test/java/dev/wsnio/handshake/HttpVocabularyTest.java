package dev.wsnio.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The HTTP vocabulary the heads are made of: every response carries the reason phrase RFC 9110
 * §15 registers for its status (an unregistered one an empty phrase, RFC 9112 §4); versions are
 * single digits and compare by major, then minor; parsed heads are equal when all they say is.
 */
class HttpVocabularyTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = ',', value = {
            "100, Continue",
            "101, Switching Protocols",
            "200, OK",
            "201, Created",
            "202, Accepted",
            "203, Non-Authoritative Information",
            "204, No Content",
            "205, Reset Content",
            "206, Partial Content",
            "300, Multiple Choices",
            "301, Moved Permanently",
            "302, Found",
            "303, See Other",
            "304, Not Modified",
            "305, Use Proxy",
            "307, Temporary Redirect",
            "308, Permanent Redirect",
            "400, Bad Request",
            "401, Unauthorized",
            "402, Payment Required",
            "403, Forbidden",
            "404, Not Found",
            "405, Method Not Allowed",
            "406, Not Acceptable",
            "407, Proxy Authentication Required",
            "408, Request Timeout",
            "409, Conflict",
            "410, Gone",
            "411, Length Required",
            "412, Precondition Failed",
            "413, Content Too Large",
            "414, URI Too Long",
            "415, Unsupported Media Type",
            "416, Range Not Satisfiable",
            "417, Expectation Failed",
            "421, Misdirected Request",
            "422, Unprocessable Content",
            "426, Upgrade Required",
            "428, Precondition Required",
            "429, Too Many Requests",
            "431, Request Header Fields Too Large",
            "500, Internal Server Error",
            "501, Not Implemented",
            "502, Bad Gateway",
            "503, Service Unavailable",
            "504, Gateway Timeout",
            "505, HTTP Version Not Supported"
    })
    void aResponseCarriesTheRegisteredReasonPhraseOfItsStatus(int status, String phrase) {
        assertEquals(phrase, HttpStatus.reasonPhrase(status));
        String head = new String(HttpResponse.builder(status).build().toBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(head.startsWith("HTTP/1.1 " + status + " " + phrase + "\r\n"), head);
    }

    @Test
    void anUnregisteredStatusHasAnEmptyReasonPhrase() {
        assertEquals("", HttpStatus.reasonPhrase(299));
        String head = new String(HttpResponse.builder(299).build().toBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(head.startsWith("HTTP/1.1 299 \r\n"), head);
    }

    @Test
    void versionNumbersAreSingleDigits() {
        assertThrows(IllegalArgumentException.class, () -> new HttpVersion(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> new HttpVersion(10, 1));
        assertThrows(IllegalArgumentException.class, () -> new HttpVersion(1, -1));
        assertThrows(IllegalArgumentException.class, () -> new HttpVersion(1, 10));
    }

    @Test
    void versionsCompareByMajorThenMinor() {
        assertTrue(HttpVersion.HTTP_1_1.isAtLeast(HttpVersion.HTTP_1_1));
        assertTrue(HttpVersion.HTTP_1_1.isAtLeast(HttpVersion.HTTP_1_0));
        assertFalse(HttpVersion.HTTP_1_0.isAtLeast(HttpVersion.HTTP_1_1));
        assertTrue(new HttpVersion(2, 0).isAtLeast(new HttpVersion(1, 9)));
        assertFalse(new HttpVersion(0, 9).isAtLeast(HttpVersion.HTTP_1_0));
    }

    @Test
    void requestHeadsAreEqualWhenMethodTargetVersionAndFieldsAre() throws HttpParseException {
        String get = "GET /chat?a=1 HTTP/1.1\r\nHost: a\r\n\r\n";
        HttpRequestHead head = request(get);
        assertEquals(head, request(get));
        assertEquals(head.hashCode(), request(get).hashCode());
        assertEquals(head.toString(), request(get).toString());
        assertNotEquals(head, request("POST /chat?a=1 HTTP/1.1\r\nHost: a\r\n\r\n"));
        assertNotEquals(head, request("GET /chat?a=2 HTTP/1.1\r\nHost: a\r\n\r\n"));
        assertNotEquals(head, request("GET /chat?a=1 HTTP/1.0\r\nHost: a\r\n\r\n"));
        assertNotEquals(head, request("GET /chat?a=1 HTTP/1.1\r\nHost: b\r\n\r\n"));
        assertNotEquals(head, (Object) "GET /chat?a=1");
    }

    @Test
    void responseHeadsAreEqualWhenVersionStatusPhraseAndFieldsAre() throws HttpParseException {
        String ok = "HTTP/1.1 200 OK\r\nX: 1\r\n\r\n";
        HttpResponseHead head = response(ok);
        assertEquals(head, response(ok));
        assertEquals(head.hashCode(), response(ok).hashCode());
        assertEquals(head.toString(), response(ok).toString());
        assertNotEquals(head, response("HTTP/1.0 200 OK\r\nX: 1\r\n\r\n"));
        assertNotEquals(head, response("HTTP/1.1 201 OK\r\nX: 1\r\n\r\n"));
        assertNotEquals(head, response("HTTP/1.1 200 Fine\r\nX: 1\r\n\r\n"));
        assertNotEquals(head, response("HTTP/1.1 200 OK\r\nX: 2\r\n\r\n"));
        assertNotEquals(head, (Object) "HTTP/1.1 200 OK");
    }

    private static HttpRequestHead request(String text) throws HttpParseException {
        HttpRequestParser parser = new HttpRequestParser();
        assertTrue(parser.parse(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1))));
        return parser.result();
    }

    private static HttpResponseHead response(String text) throws HttpParseException {
        HttpResponseParser parser = new HttpResponseParser();
        assertTrue(parser.parse(ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1))));
        return parser.result();
    }
}
