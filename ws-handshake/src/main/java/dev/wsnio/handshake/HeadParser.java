package dev.wsnio.handshake;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns bytes into the start line and header fields of one HTTP/1.1 message head
 * (RFC 9112 §2.1): {@code start-line CRLF *( field-line CRLF ) CRLF}. The part shared by
 * {@link HttpRequestParser} and {@link HttpResponseParser}, which differ only in their start
 * line.
 *
 * <p>Incremental: {@link #parse} takes what it is given and says whether the head is
 * complete; it stops right after the empty line that ends the head, so the bytes that follow
 * (a body, or the first WebSocket frame) stay in the buffer. Once it has failed, it keeps
 * failing with the same error.
 *
 * @param <S> the parsed start line
 */
final class HeadParser<S> {

    /** What the parser waits for next. */
    private enum Awaiting { START_LINE, FIELD_LINE, NOTHING }

    private final HeadLimits limits;
    private final StartLineParser<S> startLineParser;
    private final HeadLineReader lines;
    private final List<HttpField> fields = new ArrayList<>();
    private Awaiting awaiting = Awaiting.START_LINE;
    private S startLine;
    private HttpParseException failure;

    HeadParser(HeadLimits limits, StartLineParser<S> startLineParser) {
        this.limits = limits;
        this.startLineParser = startLineParser;
        this.lines = new HeadLineReader(limits);
    }

    /**
     * Takes bytes until the head is complete or the input is exhausted.
     *
     * @param in the input; its position advances past the bytes of the head, never further
     * @return true when the head is complete, false when more input is needed
     * @throws HttpParseException when the head is malformed or exceeds a limit, on this call
     *                            and on every later one
     */
    boolean parse(ByteBuffer in) throws HttpParseException {
        if (failure != null) {
            throw failure;
        }
        try {
            while (awaiting != Awaiting.NOTHING && lines.readLine(in, lineTooLongError(), lineOverflowError())) {
                switch (awaiting) {
                    case START_LINE -> acceptStartLine(lines.lineAsString());
                    case FIELD_LINE -> acceptFieldLine(lines.lineBytes(), lines.lineLength());
                }
            }
        } catch (HttpParseException e) {
            failure = e;
            throw e;
        }
        return awaiting == Awaiting.NOTHING;
    }

    /**
     * A start line that does not fit is too long whichever limit it passes: a request gets 414
     * (RFC 9112 §3, RFC 9110 §15.5.15) for a long target even when the head limit is the
     * smaller one; a field line that does not fit makes the head too large (431).
     */
    private HttpParseError lineOverflowError() {
        return awaiting == Awaiting.START_LINE ? HttpParseError.START_LINE_TOO_LONG : HttpParseError.HEAD_TOO_LARGE;
    }

    private HttpParseError lineTooLongError() {
        return awaiting == Awaiting.START_LINE
                ? HttpParseError.START_LINE_TOO_LONG
                : HttpParseError.FIELD_LINE_TOO_LONG;
    }

    private void acceptStartLine(String line) throws HttpParseException {
        if (line.isEmpty()) {
            // RFC 9112 §2.2: ignore empty lines received before the start line
            return;
        }
        startLine = startLineParser.parse(line);
        awaiting = Awaiting.FIELD_LINE;
    }

    /** A field line, parsed from the reader's bytes: no string for the line itself. */
    private void acceptFieldLine(byte[] line, int length) throws HttpParseException {
        if (length == 0) {
            awaiting = Awaiting.NOTHING;
            return;
        }
        if (HttpGrammar.isWhitespace(line[0] & 0xFF)) {
            // RFC 9112 §5.2: obs-fold may be rejected with 400; §2.2: so may whitespace
            // between the start line and the first field
            throw new HttpParseException(HttpParseError.OBSOLETE_LINE_FOLDING);
        }
        if (fields.size() == limits.maxFieldCount()) {
            throw new HttpParseException(HttpParseError.TOO_MANY_FIELDS);
        }
        fields.add(HttpField.parse(line, length));
    }

    /**
     * The start line of the complete head.
     *
     * @return the parsed start line
     * @throws IllegalStateException when the head is not complete
     */
    S startLine() {
        requireComplete();
        return startLine;
    }

    /**
     * The header fields of the complete head.
     *
     * @return the fields, in order
     * @throws IllegalStateException when the head is not complete
     */
    HttpHeaders headers() {
        requireComplete();
        return HttpHeaders.of(fields);
    }

    private void requireComplete() {
        if (awaiting != Awaiting.NOTHING) {
            throw new IllegalStateException("the head is not complete");
        }
    }
}
