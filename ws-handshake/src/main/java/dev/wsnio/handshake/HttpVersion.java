package dev.wsnio.handshake;

/**
 * An HTTP version, {@code HTTP/major.minor} (RFC 9112 §2.3).
 *
 * @param major the major version, 0–9
 * @param minor the minor version, 0–9
 */
public record HttpVersion(int major, int minor) {

    /** HTTP/1.0. */
    public static final HttpVersion HTTP_1_0 = new HttpVersion(1, 0);
    /** HTTP/1.1. */
    public static final HttpVersion HTTP_1_1 = new HttpVersion(1, 1);

    /**
     * Validates the version.
     *
     * @param major the major version, 0–9
     * @param minor the minor version, 0–9
     * @throws IllegalArgumentException when a number is not a single digit
     */
    public HttpVersion {
        if (major < 0 || major > 9 || minor < 0 || minor > 9) {
            throw new IllegalArgumentException("HTTP version numbers are single digits: "
                    + major + "." + minor);
        }
    }

    /**
     * Parses {@code "HTTP/" DIGIT "." DIGIT}, case-sensitively (RFC 9112 §2.3).
     *
     * @param text the version as it appears in a start line
     * @return the version; its major version is always 1
     * @throws HttpParseException {@link HttpParseError#MALFORMED_START_LINE} when the text
     *                            does not follow the grammar, {@link
     *                            HttpParseError#UNSUPPORTED_HTTP_VERSION} when the major
     *                            version is not 1
     */
    static HttpVersion parse(String text) throws HttpParseException {
        if (text.length() != 8 || !text.startsWith("HTTP/") || text.charAt(6) != '.'
                || !isDigit(text.charAt(5)) || !isDigit(text.charAt(7))) {
            throw new HttpParseException(HttpParseError.MALFORMED_START_LINE);
        }
        HttpVersion version = new HttpVersion(text.charAt(5) - '0', text.charAt(7) - '0');
        if (version.major != 1) {
            throw new HttpParseException(HttpParseError.UNSUPPORTED_HTTP_VERSION);
        }
        return version;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * Whether this version is the given one or a later one.
     *
     * @param other the version to compare with
     * @return true when this version is at least {@code other}
     */
    public boolean isAtLeast(HttpVersion other) {
        return major > other.major || (major == other.major && minor >= other.minor);
    }

    /**
     * The version as written on the wire.
     *
     * @return for example {@code HTTP/1.1}
     */
    @Override
    public String toString() {
        return "HTTP/" + major + "." + minor;
    }
}
