package dev.wsnio.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6455 §5.5.1 and §7.4: the body of a close frame, built and parsed. */
class CloseBodyTest {

    private static final String ASCII_123 = "a".repeat(123);
    private static final String ASCII_124 = "a".repeat(124);

    // ---------------------------------------------------------------- building

    @Test
    void encodesCodeInNetworkOrderFollowedByUtf8Reason() {
        ByteBuffer encoded = new CloseBody(1001, "bye é").encode();
        assertArrayEquals(Hex.bytes("03 E9 62 79 65 20 C3 A9"), remaining(encoded));
    }

    @Test
    void emptyBodyEncodesToNoBytes() {
        assertEquals(0, CloseBody.EMPTY.encode().remaining());
        assertTrue(CloseBody.EMPTY.isEmpty());
        assertEquals(CloseCode.NO_STATUS_RECEIVED, CloseBody.EMPTY.code());
    }

    @Test
    void codeWithoutReasonEncodesToTwoBytes() {
        assertArrayEquals(Hex.bytes("0F A0"), remaining(new CloseBody(4000, "").encode()));
    }

    @Test
    void reasonOf123Utf8BytesIsAccepted() {
        assertEquals(125, new CloseBody(1000, ASCII_123).encode().remaining());
        assertEquals(125, new CloseBody(1000, "€".repeat(41)).encode().remaining()); // 41 × 3 bytes
        assertEquals(125, new CloseBody(1000, "a" + "é".repeat(61)).encode().remaining());
    }

    @Test
    void reasonOf124Utf8BytesIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new CloseBody(1000, ASCII_124));
        assertThrows(IllegalArgumentException.class, () -> new CloseBody(1000, "é".repeat(62)));
        assertThrows(IllegalArgumentException.class, () -> new CloseBody(1000, "😀".repeat(31)));
        assertThrows(IllegalArgumentException.class, () -> new CloseBody(1000, "a".repeat(122) + "é"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1004, 1006, 1015})
    void localOnlyCodesCannotBeSent(int code) {
        assertThrows(IllegalArgumentException.class, () -> new CloseBody(code, ""));
    }

    @Test
    void noStatusCodeIsOnlyAllowedWithoutReason() {
        assertTrue(new CloseBody(CloseCode.NO_STATUS_RECEIVED, "").isEmpty());
        assertThrows(IllegalArgumentException.class,
                () -> new CloseBody(CloseCode.NO_STATUS_RECEIVED, "why"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1016, 2999, 5000, 65535, -1})
    void invalidCodesCannotBeSent(int code) {
        assertThrows(IllegalArgumentException.class, () -> new CloseBody(code, ""));
    }

    @ParameterizedTest
    @ValueSource(ints = {1000, 1003, 1007, 1014, 3000, 4999})
    void validCodesCanBeSent(int code) {
        assertEquals(code, new CloseBody(code, "ok").code());
    }

    @Test
    void nullReasonIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new CloseBody(1000, null));
    }

    // ---------------------------------------------------------------- parsing

    @Test
    void emptyPayloadParsesToNoStatusReceived() throws Exception {
        CloseBody body = CloseBody.parse(ByteBuffer.allocate(0));
        assertSame(CloseBody.EMPTY, body);
        assertEquals(1005, body.code());
        assertEquals("", body.reason());
    }

    @Test
    void oneBytePayloadIsRejectedAsProtocolError() {
        WebSocketProtocolException e = assertThrows(WebSocketProtocolException.class,
                () -> CloseBody.parse(Hex.buffer("03")));
        assertEquals(ProtocolError.CLOSE_BODY_TOO_SHORT, e.error());
        assertEquals(CloseCode.PROTOCOL_ERROR, e.closeCode());
    }

    @Test
    void parsesCodeAndReason() throws Exception {
        CloseBody body = CloseBody.parse(Hex.buffer("03 E8 62 79 65 20 C3 A9"));
        assertEquals(new CloseBody(1000, "bye é"), body);
    }

    @Test
    void parsesCodeWithoutReason() throws Exception {
        assertEquals(new CloseBody(4999, ""), CloseBody.parse(Hex.buffer("13 87")));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535})
    void invalidCodeOnTheWireIsRejectedAsProtocolError(int code) {
        ByteBuffer payload = ByteBuffer.allocate(2).putShort((short) code).flip();
        WebSocketProtocolException e = assertThrows(WebSocketProtocolException.class,
                () -> CloseBody.parse(payload));
        assertEquals(ProtocolError.INVALID_CLOSE_CODE, e.error());
        assertEquals(CloseCode.PROTOCOL_ERROR, e.closeCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"C0 80", "ED A0 80", "FF", "CE BA E1 BD B9 CF 83 CE BC CE B5 ED A0 80", "80"})
    void invalidUtf8ReasonIsRejectedWithInvalidPayloadData(String reasonHex) {
        ByteBuffer payload = ByteBuffer.wrap(FrameBuilder.concat(Hex.bytes("03 E8"), Hex.bytes(reasonHex)));
        WebSocketProtocolException e = assertThrows(WebSocketProtocolException.class,
                () -> CloseBody.parse(payload));
        assertEquals(ProtocolError.INVALID_CLOSE_REASON, e.error());
        assertEquals(CloseCode.INVALID_PAYLOAD_DATA, e.closeCode());
    }

    @Test
    void reasonEndingInsideACodePointIsRejectedWithInvalidPayloadData() {
        WebSocketProtocolException e = assertThrows(WebSocketProtocolException.class,
                () -> CloseBody.parse(Hex.buffer("03 E8 61 E2 82")));
        assertEquals(ProtocolError.INVALID_CLOSE_REASON, e.error());
        assertEquals(1007, e.closeCode());
    }

    @Test
    void reasonOf123BytesIsParsed() throws Exception {
        ByteBuffer payload = new CloseBody(3000, ASCII_123).encode();
        assertEquals(new CloseBody(3000, ASCII_123), CloseBody.parse(payload));
    }

    @Test
    void reasonOf124BytesIsRejectedAsProtocolError() {
        byte[] reason = ASCII_124.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer payload = ByteBuffer.wrap(FrameBuilder.concat(Hex.bytes("03 E8"), reason));
        WebSocketProtocolException e = assertThrows(WebSocketProtocolException.class,
                () -> CloseBody.parse(payload));
        assertEquals(CloseCode.PROTOCOL_ERROR, e.closeCode());
    }

    @Test
    void parseReadsBetweenPositionAndLimitWithoutMovingThem() throws Exception {
        ByteBuffer buffer = Hex.buffer("FF FF 03 E9 6F 6B FF FF");
        buffer.position(2).limit(6);
        assertEquals(new CloseBody(1001, "ok"), CloseBody.parse(buffer));
        assertEquals(2, buffer.position());
        assertEquals(6, buffer.limit());
    }

    @Test
    void encodeThenParseGivesTheSameBody() throws Exception {
        for (CloseBody body : new CloseBody[] {CloseBody.EMPTY, new CloseBody(1000, ""),
                new CloseBody(1011, "oops"), new CloseBody(4321, "日本語 😀")}) {
            assertEquals(body, CloseBody.parse(body.encode()));
        }
    }

    private static byte[] remaining(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
