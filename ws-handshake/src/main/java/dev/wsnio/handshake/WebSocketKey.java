package dev.wsnio.handshake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

    /** The GUID of RFC 6455 §1.3, appended to the key before hashing. */
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int NONCE_BYTES = 16;
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
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        // re-encoding rejects what the JDK decoder tolerates: missing padding, non-zero pad bits
        if (decoded.length != NONCE_BYTES || !Base64.getEncoder().encodeToString(decoded).equals(text)) {
            return Optional.empty();
        }
        return Optional.of(new WebSocketKey(text));
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
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-1", e);
        }
        byte[] digest = sha1.digest((value + GUID).getBytes(StandardCharsets.US_ASCII));
        return Base64.getEncoder().encodeToString(digest);
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
