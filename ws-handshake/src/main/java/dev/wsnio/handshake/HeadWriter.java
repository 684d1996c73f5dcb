package dev.wsnio.handshake;

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
        // Sized first, then written in place: one array per head (a handshake writes one).
        int length = startLine.length() + 2 + 2;
        for (HttpField field : headers.fields()) {
            length += field.name().length() + 2 + field.value().length() + 2;
        }
        byte[] head = new byte[length];
        int at = put(head, 0, startLine);
        for (HttpField field : headers.fields()) {
            at = put(head, at, CRLF);
            at = put(head, at, field.name());
            at = put(head, at, ": ");
            at = put(head, at, field.value());
        }
        at = put(head, at, CRLF);
        put(head, at, CRLF);
        return head;
    }

    /** Copies the text's characters, one byte each (ISO-8859-1), and says where it ended. */
    private static int put(byte[] target, int at, String text) {
        for (int i = 0; i < text.length(); i++) {
            target[at + i] = (byte) text.charAt(i); // every character is one byte, by construction
        }
        return at + text.length();
    }
}
