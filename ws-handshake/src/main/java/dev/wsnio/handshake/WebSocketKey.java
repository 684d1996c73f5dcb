package dev.wsnio.handshake;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The nonce a client sends in {@code Sec-WebSocket-Key}, and the proof a server returns in
 * {@code Sec-WebSocket-Accept}.
 *
 * <p>The key is 16 random bytes, base64-encoded (RFC 6455 §4.1 item 7): always 24
 * characters, the last two {@code ==}. The accept value is
 * {@code base64(SHA-1(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"))} (§4.2.2 item 5.4);
 * it proves that the server read this handshake as WebSocket, not that it is trustworthy.
 */
public final class WebSocketKey {

    private static final int NONCE_BYTES = 16;
    /** The length of 16 bytes in base64: 22 characters and two of padding. */
    private static final int ENCODED_LENGTH = 24;
    /** One generator for every key: thread-safe, seeded once from the platform's source. */
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;

    private WebSocketKey(String value) {
        this.value = value;
    }

    /**
     * A fresh key: 16 bytes from a {@link SecureRandom}, as §4.1 requires ("randomly
     * selected").
     *
     * @return a new key
     */
    public static WebSocketKey random() {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return new WebSocketKey(Base64.getEncoder().encodeToString(nonce));
    }

    /**
     * Reads a key received in {@code Sec-WebSocket-Key}: it must be the canonical base64
     * encoding (RFC 4648 §4, with padding) of exactly 16 bytes.
     *
     * @param text the header value, without surrounding whitespace
     * @return the key, or empty when the text is not such an encoding
     */
    public static Optional<WebSocketKey> parse(String text) {
        return isCanonicalNonce(text) ? Optional.of(new WebSocketKey(text)) : Optional.empty();
    }

    /**
     * Whether text is the canonical base64 form of 16 bytes, checked character by character
     * (no decoding): 21 characters of 6 bits each, a 22nd whose 4 low bits are zero (it carries
     * the last 2 bits of byte 16, RFC 4648 §3.5: pad bits are zero), then {@code ==}.
     */
    private static boolean isCanonicalNonce(String text) {
        if (text.length() != ENCODED_LENGTH || text.charAt(22) != '=' || text.charAt(23) != '=') {
            return false;
        }
        for (int i = 0; i < 22; i++) {
            int sextet = base64Value(text.charAt(i));
            if (sextet < 0 || (i == 21 && (sextet & 0x0F) != 0)) {
                return false;
            }
        }
        return true;
    }

    /** The value of a base64 alphabet character (RFC 4648 Table 1), or -1. */
    private static int base64Value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '+' ? 62 : c == '/' ? 63 : -1;
    }

    /**
     * The key as sent in {@code Sec-WebSocket-Key}.
     *
     * @return the base64 text
     */
    public String value() {
        return value;
    }

    /**
     * The value the server answers in {@code Sec-WebSocket-Accept} (RFC 6455 §4.2.2 item 5.4);
     * for the key {@code dGhlIHNhbXBsZSBub25jZQ==} it is {@code s3pPLMBiTxaQ9kYGzzhZRbK+xOo=}.
     *
     * @return the base64-encoded SHA-1 of the key and the GUID
     */
    public String acceptValue() {
        return acceptValue(new AcceptDigest());
    }

    /**
     * {@link #acceptValue()} with a digest the caller reuses (one per thread, such as an event
     * loop's), so that a server makes no SHA-1 engine per handshake.
     *
     * @param digest the caller's digest
     * @return the base64-encoded SHA-1 of the key and the GUID
     */
    public String acceptValue(AcceptDigest digest) {
        return digest.acceptValue(value);
    }

    /**
     * Equal when the key texts are equal.
     *
     * @param other another object
     * @return true for equal keys
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof WebSocketKey key && value.equals(key.value);
    }

    /**
     * A hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash of the key text
     */
    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /**
     * The key text.
     *
     * @return the base64 text
     */
    @Override
    public String toString() {
        return value;
    }
}
