package dev.wsnio.testkit.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The opening handshake as text, computed here independently of the code under test: the
 * request a client sends (§4.1), the accept value a server derives from the key (§4.2.2 item
 * 5.4), and reading an HTTP head up to its blank line.
 */
public final class HandshakeText {

    /** The GUID of §1.3, appended to the key before hashing. */
    public static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    /** The key of the RFC's own example (§1.3). */
    public static final String SAMPLE_KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private HandshakeText() {
    }

    /**
     * A valid upgrade request.
     *
     * @param path the request target
     * @param extraHeaders more header lines, each ending in CRLF, or ""
     * @return the request head
     */
    public static String request(String path, String extraHeaders) {
        return "GET " + path + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + SAMPLE_KEY + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + extraHeaders
                + "\r\n";
    }

    /**
     * The Sec-WebSocket-Accept value for a key: base64(SHA-1(key + GUID)).
     *
     * @param key the client's Sec-WebSocket-Key
     * @return the accept value
     */
    public static String acceptFor(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /**
     * Reads an HTTP head byte by byte, up to and including the blank line, so that nothing
     * after it is consumed.
     *
     * @param in the stream
     * @return the head as ISO-8859-1 text
     * @throws IOException when the stream ends first
     */
    public static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the stream ended inside an HTTP head: " + head);
            }
            head.append((char) b);
            if (head.length() > 64 * 1024) {
                throw new IOException("HTTP head over 64 KiB");
            }
        }
        return head.toString();
    }

    /**
     * The value of a header in a head, matched without regard to case, or null.
     *
     * @param head the head
     * @param name the header's name
     * @return its first value, trimmed, or null
     */
    public static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }
}
