package dev.wsnio.handshake;

import static dev.wsnio.handshake.Heads.buffer;
import static dev.wsnio.handshake.Heads.crlf;
import static dev.wsnio.handshake.Heads.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpResponseParserTest {

    private static final String SWITCHING = """
            HTTP/1.1 101 Switching Protocols
            Upgrade: websocket
            Connection: Upgrade
            Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=

            """;

    @Test
    void parsesStatusLineAndHeaders() throws HttpParseException {
        HttpResponseHead head = response(SWITCHING);

        assertEquals(HttpVersion.HTTP_1_1, head.version());
        assertEquals(101, head.status());
        assertEquals("Switching Protocols", head.reasonPhrase());
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", head.headers().first("sec-websocket-accept").orElseThrow());
    }

    @Test
    void leavesTheServersFirstFrameInTheBuffer() throws HttpParseException {
        ByteBuffer in = buffer(crlf(SWITCHING) + "\u0081\u0002hi");
        HttpResponseParser parser = new HttpResponseParser();

        assertTrue(parser.parse(in));

        assertEquals(4, in.remaining());
        assertEquals((byte) 0x81, in.get());
    }

    @Test
    void acceptsAnyChunking() throws HttpParseException {
        ByteBuffer in = buffer(crlf(SWITCHING));
        HttpResponseParser parser = new HttpResponseParser();
        int chunk = 3;
        boolean complete = false;
        while (!complete) {
            ByteBuffer slice = in.slice(in.position(), Math.min(chunk, in.remaining()));
            complete = parser.parse(slice);
            in.position(in.position() + slice.position());
        }

        assertEquals(response(SWITCHING), parser.result());
        assertFalse(in.hasRemaining());
    }

    @Test
    void acceptsAnEmptyReasonPhraseWithOrWithoutItsSpace() throws HttpParseException {
        assertEquals("", response("HTTP/1.1 101 \n\n").reasonPhrase());
        assertEquals("", response("HTTP/1.1 101\n\n").reasonPhrase());
        assertEquals("Not  Found\t!", response("HTTP/1.1 404 Not  Found\t!\n\n").reasonPhrase());
    }

    @Test
    void rejectsMalformedStatusLines() {
        for (String line : List.of("HTTP/1.1 1010 x", "HTTP/1.1 10", "HTTP/1.1 abc", "HTTP/1.1 099 x",
                "HTTP/1.1 600 x", "HTTP/1.1", "HTTP/1.1 200x", "http/1.1 200 OK", "HTTP/1.1 200 \u0001")) {
            HttpResponseParser parser = new HttpResponseParser();
            HttpParseException e = assertThrows(HttpParseException.class,
                    () -> parser.parse(buffer(crlf(line + "\n\n"))), line);
            assertEquals(HttpParseError.MALFORMED_START_LINE, e.error(), line);
        }
    }

    @Test
    void rejectsAMajorVersionOtherThanOne() {
        HttpResponseParser parser = new HttpResponseParser();

        assertEquals(HttpParseError.UNSUPPORTED_HTTP_VERSION,
                assertThrows(HttpParseException.class, () -> parser.parse(buffer("HTTP/2.0 200 OK\r\n\r\n"))).error());
    }

    @Test
    void appliesTheFieldRulesOfRequests() {
        HttpResponseParser parser = new HttpResponseParser();

        assertEquals(HttpParseError.OBSOLETE_LINE_FOLDING, assertThrows(HttpParseException.class,
                () -> parser.parse(buffer(crlf("HTTP/1.1 200 OK\nA: b\n c\n\n")))).error());
    }

    @Test
    void saysResponseNotRequestWhenTheHeadIsTooLarge() {
        HttpResponseParser parser = new HttpResponseParser(new HeadLimits(64, 8192, 100));

        HttpParseException e = assertThrows(HttpParseException.class,
                () -> parser.parse(buffer(crlf("HTTP/1.1 200 OK\nX-Big: " + "b".repeat(100) + "\n\n"))));

        assertEquals(HttpParseError.HEAD_TOO_LARGE, e.error());
        assertEquals("response head too large", e.getMessage());
        HttpParseException again = assertThrows(HttpParseException.class, () -> parser.parse(buffer("more")));
        assertEquals("response head too large", again.getMessage());
    }

    @Test
    void saysStatusLineWhenTheStatusLineIsTooLongOrMalformed() {
        HttpParseException tooLong = assertThrows(HttpParseException.class, () -> new HttpResponseParser(
                new HeadLimits(8192, 16, 100)).parse(buffer("HTTP/1.1 200 " + "O".repeat(20) + "\r\n\r\n")));
        assertEquals("status line too long", tooLong.getMessage());
        HttpParseException malformed = assertThrows(HttpParseException.class,
                () -> new HttpResponseParser().parse(buffer("HTTP/1.1 20\r\n\r\n")));
        assertEquals("malformed status line", malformed.getMessage());
    }

    @Test
    void resultBeforeCompletionIsAnError() {
        assertThrows(IllegalStateException.class, () -> new HttpResponseParser().result());
    }
}
