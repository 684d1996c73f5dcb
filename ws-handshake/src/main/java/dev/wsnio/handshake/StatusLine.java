package dev.wsnio.handshake;

/**
 * The first line of a response (RFC 9112 §4): {@code HTTP-version SP status-code SP
 * [reason-phrase]}.
 *
 * @param version      the HTTP version
 * @param status       the status code, 100–599
 * @param reasonPhrase the reason phrase, possibly empty
 */
record StatusLine(HttpVersion version, int status, String reasonPhrase) {

    /**
     * Parses a status line. The space after the status code may be missing when the reason
     * phrase is empty: the grammar requires it, but some servers omit it, and a client
     * ignores the reason phrase anyway (RFC 9112 §4).
     *
     * @param line the line, without CRLF
     * @return the status line
     * @throws HttpParseException when the version is not HTTP/1.x, the status code is not
     *                            three digits in 100–599 or the reason phrase holds a control
     *                            character
     */
    static StatusLine parse(String line) throws HttpParseException {
        int firstSpace = line.indexOf(' ');
        if (firstSpace < 0) {
            throw new HttpParseException(HttpParseError.MALFORMED_START_LINE);
        }
        HttpVersion version = HttpVersion.parse(line.substring(0, firstSpace));
        String rest = line.substring(firstSpace + 1);
        String code = rest.length() > 3 ? rest.substring(0, 3) : rest;
        String reasonPhrase = rest.length() > 3 ? rest.substring(3) : "";
        if (!isStatusCode(code) || !isReasonPhrase(reasonPhrase)) {
            throw new HttpParseException(HttpParseError.MALFORMED_START_LINE);
        }
        return new StatusLine(version, Integer.parseInt(code),
                reasonPhrase.isEmpty() ? "" : reasonPhrase.substring(1));
    }

    private static boolean isStatusCode(String code) {
        // RFC 9110 §15: three digits; values outside 100..599 are invalid
        return code.length() == 3 && code.chars().allMatch(c -> c >= '0' && c <= '9')
                && code.charAt(0) >= '1' && code.charAt(0) <= '5';
    }

    private static boolean isReasonPhrase(String spaceAndPhrase) {
        if (spaceAndPhrase.isEmpty()) {
            return true;
        }
        return spaceAndPhrase.charAt(0) == ' '
                && spaceAndPhrase.chars().allMatch(HttpGrammar::isFieldValueChar);
    }
}
