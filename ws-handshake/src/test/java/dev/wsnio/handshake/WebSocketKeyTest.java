package dev.wsnio.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebSocketKeyTest {

    @Test
    void computesTheAcceptValueOfTheRfc6455Example() {
        // RFC 6455 §1.3 and §4.2.2
        WebSocketKey key = WebSocketKey.parse("dGhlIHNhbXBsZSBub25jZQ==").orElseThrow();

        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", key.acceptValue());
    }

    @Test
    void randomKeysAreSixteenBytesInBase64AndDiffer() {
        WebSocketKey first = WebSocketKey.random();
        WebSocketKey second = WebSocketKey.random();

        assertEquals(16, Base64.getDecoder().decode(first.value()).length);
        assertEquals(24, first.value().length());
        assertEquals(Optional.of(first), WebSocketKey.parse(first.value()));
        assertNotEquals(first, second);
    }

    @Test
    void refusesKeysThatAreNotTheCanonicalBase64OfSixteenBytes() {
        for (String text : List.of(
                "",
                "dGhlIHNhbXBsZSBub25jZQ",         // padding missing
                "dGhlIHNhbXBsZSBub25jZR==",       // non-zero bits in the padding
                "dGhlIHNhbXBsZSBub25j",           // 15 bytes
                "dGhlIHNhbXBsZSBub25jZXM=",       // 17 bytes
                "dGhlIHNhbXBsZSBub25jZQ==dGhl",   // trailing data
                "dGhlIHNhbXBsZSBub25jZQ=-",       // not base64
                "dGhlIHNhbXBs ZSBub25jZQ==")) {   // inner space
            assertTrue(WebSocketKey.parse(text).isEmpty(), text);
        }
    }
}
