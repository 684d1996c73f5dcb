package dev.wsnio.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
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
    void aReusedDigestComputesWhatAFreshOneDoes() {
        AcceptDigest reused = new AcceptDigest();
        for (int i = 0; i < 100; i++) {
            WebSocketKey key = WebSocketKey.random();
            assertEquals(key.acceptValue(), key.acceptValue(reused), key.value());
        }
    }

    /** The JDK's decoder, with re-encoding to refuse what it tolerates: the definition of canonical. */
    private static boolean isCanonicalByDecoding(String text) {
        try {
            byte[] decoded = Base64.getDecoder().decode(text);
            return decoded.length == 16 && Base64.getEncoder().encodeToString(decoded).equals(text);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    @Test
    void acceptsExactlyWhatDecodingAndReencodingAccept() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        String odd = "=-_ .\u00e9";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder(WebSocketKey.random().value());
            int edits = random.nextInt(3); // most stay valid keys, the rest are near misses
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(text.length() + 1);
                String pool = random.nextInt(4) == 0 ? odd : alphabet;
                char c = pool.charAt(random.nextInt(pool.length()));
                switch (random.nextInt(3)) {
                    case 0 -> text.insert(at, c);
                    case 1 -> text.setCharAt(Math.min(at, text.length() - 1), c);
                    default -> text.deleteCharAt(Math.min(at, text.length() - 1));
                }
            }
            String candidate = text.toString();
            assertEquals(isCanonicalByDecoding(candidate), WebSocketKey.parse(candidate).isPresent(),
                    () -> "'" + candidate + "' (seed " + seed + ")");
        }
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
