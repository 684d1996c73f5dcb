package dev.wsnio.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HeadLimitsTest {

    @Test
    void defaultsToEightKibibytesAndOneHundredFields() {
        assertEquals(new HeadLimits(8192, 8192, 100), HeadLimits.DEFAULT);
    }

    @Test
    void refusesLimitsThatAreNotPositive() {
        assertThrows(IllegalArgumentException.class, () -> new HeadLimits(0, 10, 10));
        assertThrows(IllegalArgumentException.class, () -> new HeadLimits(10, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new HeadLimits(10, 10, -1));
    }

    @Test
    void acceptsZeroFieldsForHeadsWithoutHeaders() throws HttpParseException {
        HttpRequestParser parser = new HttpRequestParser(new HeadLimits(100, 100, 0));

        assertEquals(HttpVersion.HTTP_1_0, parseAndGet(parser, "GET / HTTP/1.0\r\n\r\n").version());
    }

    private static HttpRequestHead parseAndGet(HttpRequestParser parser, String text) throws HttpParseException {
        parser.parse(Heads.buffer(text));
        return parser.result();
    }
}
