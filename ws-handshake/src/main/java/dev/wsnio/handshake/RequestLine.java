package dev.wsnio.handshake;

/**
 * The first line of a request (RFC 9112 §3): {@code method SP request-target SP
 * HTTP-version}, single spaces only.
 *
 * @param method  the method, a token, case-sensitive
 * @param target  the request target
 * @param version the HTTP version
 */
record RequestLine(String method, RequestTarget target, HttpVersion version) {

    /**
     * Parses a request line.
     *
     * @param line the line, without CRLF
     * @return the request line
     * @throws HttpParseException when the line does not have three parts separated by
     *                            single spaces, the method is not a token, the version is not
     *                            HTTP/1.x or the target is malformed
     */
    static RequestLine parse(String line) throws HttpParseException {
        int firstSpace = line.indexOf(' ');
        int secondSpace = firstSpace < 0 ? -1 : line.indexOf(' ', firstSpace + 1);
        if (secondSpace < 0 || line.indexOf(' ', secondSpace + 1) >= 0) {
            throw new HttpParseException(HttpParseError.MALFORMED_START_LINE);
        }
        String method = line.substring(0, firstSpace);
        if (!HttpGrammar.isToken(method)) {
            throw new HttpParseException(HttpParseError.MALFORMED_START_LINE);
        }
        HttpVersion version = HttpVersion.parse(line.substring(secondSpace + 1));
        RequestTarget target = RequestTarget.parse(line.substring(firstSpace + 1, secondSpace));
        if (target.isAsterisk() && !method.equals("OPTIONS")) {
            // RFC 9112 §3.2.4: the asterisk-form is only used with OPTIONS
            throw new HttpParseException(HttpParseError.MALFORMED_REQUEST_TARGET);
        }
        return new RequestLine(method, target, version);
    }
}
