package dev.wsnio.examples.demo.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.examples.JsonFields;
import dev.wsnio.handshake.HttpRequestHead;
import dev.wsnio.handshake.HttpRequestParser;
import dev.wsnio.handshake.HttpResponse;
import dev.wsnio.server.HttpRequest;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The frame playground: bytes a browser never sends, run through a fresh server session, get the
 * answer RFC 6455 requires. The hex strings are the page's presets (web/demo/inspector.js).
 */
class FramePlaygroundTest {

    private final FramePlayground playground = new FramePlayground(1000, 1000, () -> 1_767_225_600_000L);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unmasked client frame          | 81 05 48 65 6C 6C 6F                                   | UNMASKED_CLIENT_FRAME    | 1002",
        "reserved opcode 0x3            | 83 80 37 FA 21 3D                                      | RESERVED_OPCODE          | 1002",
        "fragmented ping                | 09 84 37 FA 21 3D 47 93 4F 5A                          | FRAGMENTED_CONTROL_FRAME | 1002",
        "invalid UTF-8 across fragments | 01 84 37 FA 21 3D D3 47 81 D8  80 82 37 FA 21 3D 1F D3 | INVALID_UTF8             | 1007",
        "close 1005 on the wire         | 88 82 37 FA 21 3D 34 17                                | INVALID_CLOSE_CODE       | 1002",
    })
    void eachPresetGetsTheCloseCodeTheRfcRequires(String preset, String hex, String error, int closeCode) {
        String answer = playground.run(bytes(hex));

        assertTrue(answer.contains("\"error\":{\"name\":\"" + error + "\""), answer);
        assertTrue(answer.contains("\"closeCode\":" + closeCode + ","), answer);
        assertTrue(answer.contains("\"dir\":\"sent\"") && answer.contains("\"opcodeName\":\"close\""),
                "the server's own close frame is shown: " + answer);
    }

    @Test
    void aPingOfOneHundredTwentySixBytesFailsFromItsHeader() {
        String answer = playground.run(bytes("89 FE 00 7E 37 FA 21 3D " + "37 FA 21 3D ".repeat(31) + "37 FA"));

        assertTrue(answer.contains("\"name\":\"CONTROL_FRAME_TOO_LONG\""), answer);
        assertTrue(answer.contains("\"closeCode\":1002,"), answer);
    }

    @Test
    void theFirstFragmentOfTheSplitUtf8IsDecodedBeforeTheSecondFails() {
        String answer = playground.run(bytes("01 84 37 FA 21 3D D3 47 81 D8  80 82 37 FA 21 3D 1F D3"));

        String first = answer.substring(answer.indexOf("{\"type\":\"frame\""));
        assertEquals("D3 47 81 D8", JsonFields.string(first, "payloadOnWire").orElseThrow(), "as on the wire, masked");
        assertEquals("E4 BD A0 E5", JsonFields.string(first, "payload").orElseThrow(), "你 and the lead byte of 好");
        assertEquals("37 FA 21 3D", JsonFields.string(first, "maskKey").orElseThrow());
    }

    @Test
    void aValidMaskedFrameIsDecodedWithoutError() {
        String answer = playground.run(bytes("81 85 37 FA 21 3D 7F 9F 4D 51 58")); // RFC 6455 §5.7

        assertFalse(answer.contains("\"error\""), answer);
        assertTrue(answer.contains("text message of 5 bytes: Hello"), answer);
        assertTrue(answer.contains("\"state\":\"OPEN\""), answer);
    }

    @Test
    void bytesEndingInsideAFrameLeaveItUnfinished() {
        String answer = playground.run(bytes("81 85 37 FA 21 3D 7F 9F"));

        assertTrue(answer.contains("\"unfinished\":true"), answer);
        assertFalse(answer.contains("\"error\""), answer);
    }

    @Test
    void answersOnlyPostsOfBoundedHex() {
        assertEquals(405, playground.handle(request("GET", "")).status());
        assertEquals(400, playground.handle(request("POST", "81 8")).status());
        assertEquals(400, playground.handle(request("POST", "zz")).status());
        assertEquals(413, playground.handle(request("POST", "00".repeat(FramePlayground.MAX_BYTES + 1))).status());
        HttpResponse answer = playground.handle(request("POST", "81 85 37 FA 21 3D 7F 9F 4D 51 58"));
        assertEquals(200, answer.status());
        assertEquals("application/json", answer.headers().first("Content-Type").orElseThrow());
    }

    @Test
    void refusesRequestsBeyondItsRateWith429() {
        FramePlayground limited = new FramePlayground(1, 2, System::currentTimeMillis);

        assertEquals(200, limited.handle(request("POST", "")).status());
        assertEquals(200, limited.handle(request("POST", "")).status());
        assertEquals(429, limited.handle(request("POST", "")).status());
    }

    @Test
    void rateLimitRefillsWithTime() {
        AtomicLong nanos = new AtomicLong();
        RateLimit limit = new RateLimit(2, 1, nanos::get);

        assertTrue(limit.tryAcquire());
        assertFalse(limit.tryAcquire());
        nanos.addAndGet(400_000_000L);
        assertFalse(limit.tryAcquire(), "0.8 of a token after 0.4 s at 2 per second");
        nanos.addAndGet(100_000_000L);
        assertTrue(limit.tryAcquire());
    }

    private static byte[] bytes(String hex) {
        return java.util.HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    private static HttpRequest request(String method, String body) {
        HttpRequestParser parser = new HttpRequestParser();
        byte[] head = (method + " /playground HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        HttpRequestHead parsed;
        try {
            parser.parse(ByteBuffer.wrap(head));
            parsed = parser.result();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return new HttpRequest(parsed, body.getBytes(StandardCharsets.UTF_8), new InetSocketAddress("127.0.0.1", 1));
    }
}
