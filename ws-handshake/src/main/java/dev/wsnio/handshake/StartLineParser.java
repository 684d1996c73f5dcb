package dev.wsnio.handshake;

/**
 * Parses the first line of a message head: a request line or a status line.
 *
 * @param <S> what the line is parsed into
 */
@FunctionalInterface
interface StartLineParser<S> {

    /**
     * Parses a start line.
     *
     * @param line the line, without CRLF
     * @return the parsed line
     * @throws HttpParseException when the line is malformed
     */
    S parse(String line) throws HttpParseException;
}
