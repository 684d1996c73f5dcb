package dev.wsnio.handshake;

import java.nio.charset.StandardCharsets;

/**
 * One header field line: a name and a value (RFC 9110 §5).
 *
 * <p>The constructor refuses anything that could not be written back on the wire as one
 * field line, so a value taken from user input can never inject CR, LF or another header:
 * the name must be a token, the value may only hold VCHAR, obs-text, SP and HTAB, and it may
 * not begin or end with whitespace. Characters are ISO-8859-1 code points (one per byte).
 *
 * @param name  the field name, as received or given (case is kept; lookups ignore it)
 * @param value the field value, without surrounding whitespace
 */
public record HttpField(String name, String value) {

    /**
     * Validates the field.
     *
     * @param name  the field name, a token
     * @param value the field value
     * @throws IllegalArgumentException when the name is not a token or the value holds a
     *                                  character not allowed in a field value, or begins or
     *                                  ends with whitespace
     */
    public HttpField {
        if (!HttpGrammar.isToken(name)) {
            throw new IllegalArgumentException("header name is not a token: " + name);
        }
        if (!isValidValue(value)) {
            throw new IllegalArgumentException("invalid value for header " + name);
        }
    }

    /**
     * Parses one field line (RFC 9112 §5): {@code field-name ":" OWS field-value OWS}, from its
     * bytes (ISO-8859-1, one character per byte): only the value becomes a new string; a common
     * name spelt as browsers spell it is a constant ({@link HeaderNames#named}).
     *
     * @param line the line's bytes, without CRLF; it does not begin with whitespace
     * @param length the line's length
     * @return the field, its value stripped of surrounding whitespace
     * @throws HttpParseException when the colon is missing, whitespace precedes it, the name
     *                            is not a token or the value holds a forbidden character
     */
    static HttpField parse(byte[] line, int length) throws HttpParseException {
        int colon = 0;
        while (colon < length && line[colon] != ':') {
            colon++;
        }
        if (colon == length) {
            throw new HttpParseException(HttpParseError.MISSING_COLON);
        }
        if (colon > 0 && HttpGrammar.isWhitespace(line[colon - 1] & 0xFF)) {
            // RFC 9112 §5.1: no whitespace is allowed between the field name and colon
            throw new HttpParseException(HttpParseError.WHITESPACE_BEFORE_COLON);
        }
        if (!HttpGrammar.isToken(line, 0, colon)) {
            throw new HttpParseException(HttpParseError.INVALID_FIELD_NAME);
        }
        int start = colon + 1;
        int end = length;
        while (start < end && HttpGrammar.isWhitespace(line[start] & 0xFF)) {
            start++;
        }
        while (end > start && HttpGrammar.isWhitespace(line[end - 1] & 0xFF)) {
            end--;
        }
        for (int i = start; i < end; i++) {
            if (!HttpGrammar.isFieldValueChar(line[i] & 0xFF)) {
                throw new HttpParseException(HttpParseError.INVALID_FIELD_VALUE);
            }
        }
        return new HttpField(HeaderNames.named(line, colon),
                new String(line, start, end - start, StandardCharsets.ISO_8859_1));
    }

    private static boolean isValidValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (!HttpGrammar.isFieldValueChar(value.charAt(i))) {
                return false;
            }
        }
        return value.equals(HttpGrammar.trimWhitespace(value));
    }

    /**
     * Whether this field has the given name, ignoring case (RFC 9110 §5.1).
     *
     * @param otherName a field name
     * @return true when the names match case-insensitively
     */
    public boolean hasName(String otherName) {
        return name.equalsIgnoreCase(otherName);
    }
}
