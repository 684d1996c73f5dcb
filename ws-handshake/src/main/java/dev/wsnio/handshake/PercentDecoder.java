package dev.wsnio.handshake;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes percent-encoding (RFC 3986 §2.1) in the parts of a request target, then the bytes
 * as UTF-8 (RFC 3986 §2.5 recommends UTF-8 for new URI schemes; browsers encode so).
 *
 * <p>Strict: a {@code %} not followed by two hexadecimal digits, or decoded bytes that are not
 * well-formed UTF-8, make the whole target malformed (400): a string the application cannot
 * read faithfully is not handed to it. The undecoded text stays available as the raw form.
 */
final class PercentDecoder {

    private PercentDecoder() {
    }

    /**
     * Decodes a path, where {@code +} is a plain character.
     *
     * @param text the raw text, US-ASCII as in a request target
     * @return the decoded text
     * @throws HttpParseException {@link HttpParseError#MALFORMED_REQUEST_TARGET} on a
     *                            malformed escape or bytes that are not UTF-8
     */
    static String decodePath(String text) throws HttpParseException {
        return decode(text, false);
    }

    /**
     * Decodes a name or value of a query string, where {@code +} stands for a space
     * (application/x-www-form-urlencoded, as browsers and servers agree).
     *
     * @param text the raw text, US-ASCII as in a request target
     * @return the decoded text
     * @throws HttpParseException {@link HttpParseError#MALFORMED_REQUEST_TARGET} on a
     *                            malformed escape or bytes that are not UTF-8
     */
    static String decodeQueryComponent(String text) throws HttpParseException {
        return decode(text, true);
    }

    private static String decode(String text, boolean plusIsSpace) throws HttpParseException {
        if (text.indexOf('%') < 0 && !(plusIsSpace && text.indexOf('+') >= 0)) {
            return text;
        }
        byte[] bytes = new byte[text.length()];
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw malformed();
                }
                int high = hexValue(text.charAt(i + 1));
                int low = hexValue(text.charAt(i + 2));
                if (high < 0 || low < 0) {
                    throw malformed();
                }
                bytes[length++] = (byte) (high << 4 | low);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes[length++] = ' ';
            } else {
                bytes[length++] = (byte) c;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw malformed();
        }
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    private static HttpParseException malformed() {
        return new HttpParseException(HttpParseError.MALFORMED_REQUEST_TARGET);
    }
}
