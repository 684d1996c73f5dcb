package dev.wsnio.handshake;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Computes {@code Sec-WebSocket-Accept} (RFC 6455 §4.2.2 item 5.4): the base64 of the SHA-1 of
 * the client's key followed by the GUID {@code 258EAFA5-E914-47DA-95CA-C5AB0DC85B11}. It keeps
 * its SHA-1 engine, so a server that keeps one per event loop makes none per handshake (making
 * one looks the algorithm up among the security providers and allocates its state). Not
 * thread-safe: one per thread.
 */
public final class AcceptDigest {

    /** RFC 6455 §1.3: the GUID appended to the key. */
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final MessageDigest sha1;

    /** Creates a digest with its own SHA-1 engine. */
    public AcceptDigest() {
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-1", e);
        }
    }

    /**
     * The accept value for a key.
     *
     * @param key the {@code Sec-WebSocket-Key} text (ASCII: base64)
     * @return the base64-encoded SHA-1 of the key and the GUID
     */
    String acceptValue(String key) {
        sha1.reset();
        update(key);
        update(GUID);
        return Base64.getEncoder().encodeToString(sha1.digest());
    }

    /** Feeds ASCII text to the engine a byte at a time: no array for it. */
    private void update(String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            sha1.update((byte) ascii.charAt(i));
        }
    }
}
