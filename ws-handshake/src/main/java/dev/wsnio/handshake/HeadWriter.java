package dev.wsnio.handshake;

import java.nio.charset.StandardCharsets;

/**
 * Writes a message head (RFC 9112 §2.1): the start line, one line per field, the empty line,
 * every line ended by CRLF; one byte per character (ISO-8859-1), the inverse of the parsers.
 * The parts are valid by construction ({@link HttpField} checks every field), so no
 * character here can end a line early.
 */
final class HeadWriter {

    private static final String CRLF = "\r\n";

    private HeadWriter() {
    }

    /**
     * The bytes of a head.
     *
     * @param startLine the request line or status line, without CRLF
     * @param headers   the header fields
     * @return the head, ending with the empty line
     */
    static byte[] write(String startLine, HttpHeaders headers) {
        StringBuilder head = new StringBuilder(startLine).append(CRLF);
        for (HttpField field : headers.fields()) {
            head.append(field.name()).append(": ").append(field.value()).append(CRLF);
        }
        return head.append(CRLF).toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
