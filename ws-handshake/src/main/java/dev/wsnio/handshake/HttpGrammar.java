package dev.wsnio.handshake;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The character classes of HTTP (RFC 9110 §5.6 and RFC 5234 Appendix B.1) that the parsers
 * and builders of this package share: tokens, whitespace and field-value characters.
 *
 * <p>Characters are handled as ISO-8859-1 code points (0–255), one per byte on the wire, so
 * that an {@code obs-text} byte (0x80–0xFF) round-trips unchanged.
 */
final class HttpGrammar {

    private static final int SP = ' ';
    private static final int HTAB = '\t';
    private static final int DEL = 0x7F;
    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private HttpGrammar() {
    }

    /**
     * Whether a character is a {@code tchar} (RFC 9110 §5.6.2): a letter, a digit or one of
     * {@code !#$%&'*+-.^_`|~}.
     *
     * @param c the character
     * @return true for a token character
     */
    static boolean isTokenChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || (c < 128 && TOKEN_SYMBOLS.indexOf(c) >= 0);
    }

    /**
     * Whether a string is a {@code token} (RFC 9110 §5.6.2): one or more {@code tchar}.
     *
     * @param text the string
     * @return true for a non-empty string of token characters
     */
    static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!isTokenChar(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether bytes are a {@code token} (RFC 9110 §5.6.2), read as ISO-8859-1 characters.
     *
     * @param bytes the array
     * @param from the first byte
     * @param to after the last byte
     * @return true for one or more token characters
     */
    static boolean isToken(byte[] bytes, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!isTokenChar(bytes[i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks a list of subprotocol names (§4.1 item 10: tokens, each at most once).
     *
     * @param names the names, in order
     * @return the names as a list
     * @throws IllegalArgumentException when a name is not a token or is repeated
     */
    static List<String> distinctTokens(String... names) {
        Set<String> distinct = new HashSet<>();
        for (String name : names) {
            if (!isToken(name) || !distinct.add(name)) {
                throw new IllegalArgumentException("subprotocols must be distinct tokens: " + name);
            }
        }
        return List.of(names);
    }

    /**
     * Whether a character is optional whitespace, {@code OWS} (RFC 9110 §5.6.3): SP or HTAB.
     *
     * @param c the character
     * @return true for SP or HTAB
     */
    static boolean isWhitespace(int c) {
        return c == SP || c == HTAB;
    }

    /**
     * Whether a character is visible, {@code VCHAR} (RFC 5234 B.1): 0x21–0x7E.
     *
     * @param c the character
     * @return true for a visible US-ASCII character
     */
    static boolean isVisible(int c) {
        return c > SP && c < DEL;
    }

    /**
     * Whether a character may appear in a field value (RFC 9110 §5.5): VCHAR, obs-text
     * (0x80–0xFF), SP or HTAB. Every other control character, NUL, CR and LF in particular,
     * is refused.
     *
     * @param c the character
     * @return true when the character is allowed in a field value
     */
    static boolean isFieldValueChar(int c) {
        return isVisible(c) || isWhitespace(c) || (c >= 0x80 && c <= 0xFF);
    }

    /**
     * Removes leading and trailing OWS (SP and HTAB only; unlike {@link String#strip()}).
     *
     * @param text the string
     * @return the string without surrounding SP and HTAB
     */
    static String trimWhitespace(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }
}
