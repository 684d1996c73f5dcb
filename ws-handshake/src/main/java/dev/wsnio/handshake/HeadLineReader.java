package dev.wsnio.handshake;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits the bytes of a message head into lines ended by CRLF (RFC 9112 §2.2), one byte at a
 * time, so that input can arrive in any chunking. It counts every byte it takes against the
 * head limit and stores at most one line of at most the line limit, so it never holds more
 * than the limits allow; it never takes a byte past the end of a line.
 *
 * <p>Line endings are strict: a bare LF and a CR not followed by LF are errors. RFC 9112 §2.2
 * lets a recipient accept a bare LF, but two parsers that disagree on where a line ends are
 * the root of request smuggling, so this one accepts CRLF only.
 */
final class HeadLineReader {

    /** What the reader waits for next. */
    private enum Awaiting { LINE_CONTENT, LINE_FEED }

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final int INITIAL_CAPACITY = 128;

    private final HeadLimits limits;
    private Awaiting awaiting = Awaiting.LINE_CONTENT;
    private byte[] line;
    private int lineLength;
    private int headBytes;
    /** The length of the line last completed, kept in {@link #line} until the next is read. */
    private int completedLength;

    HeadLineReader(HeadLimits limits) {
        this.limits = limits;
        this.line = new byte[Math.min(INITIAL_CAPACITY, limits.maxLineLength())];
    }

    /**
     * Takes bytes until a line is complete or the input is exhausted.
     *
     * @param in          the input; its position advances past the bytes taken
     * @param lineTooLong the error to report when this line exceeds the line limit
     * @param lineOverflowsHead the error to report when this line, begun, does not fit in
     *                    the head limit (an empty line or the start of a new one that does
     *                    not fit is always {@link HttpParseError#HEAD_TOO_LARGE})
     * @return true when a line is complete (read it with {@link #lineBytes()} or {@link #lineAsString()}), false when
     *         more input is needed
     * @throws HttpParseException on a bare CR or LF, a line too long or a head too large
     */
    boolean readLine(ByteBuffer in, HttpParseError lineTooLong, HttpParseError lineOverflowsHead)
            throws HttpParseException {
        while (in.hasRemaining()) {
            if (headBytes == limits.maxHeadBytes()) {
                boolean lineBegun = lineLength > 0 || awaiting == Awaiting.LINE_FEED;
                throw new HttpParseException(lineBegun ? lineOverflowsHead : HttpParseError.HEAD_TOO_LARGE);
            }
            byte b = in.get();
            headBytes++;
            switch (awaiting) {
                case LINE_CONTENT -> {
                    if (b == CR) {
                        awaiting = Awaiting.LINE_FEED;
                    } else if (b == LF) {
                        throw new HttpParseException(HttpParseError.BARE_LINE_FEED);
                    } else {
                        append(b, lineTooLong);
                    }
                }
                case LINE_FEED -> {
                    if (b != LF) {
                        throw new HttpParseException(HttpParseError.BARE_CARRIAGE_RETURN);
                    }
                    completedLength = lineLength;
                    lineLength = 0;
                    awaiting = Awaiting.LINE_CONTENT;
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The line just completed, as a string of ISO-8859-1 characters (one per byte).
     *
     * @return the line, without its CRLF
     */
    String lineAsString() {
        return new String(line, 0, completedLength, StandardCharsets.ISO_8859_1);
    }

    /**
     * The bytes of the line just completed, from index 0 to {@link #lineLength()}: valid until
     * the next call to {@link #readLine}.
     *
     * @return the reader's own array
     */
    byte[] lineBytes() {
        return line;
    }

    /**
     * The length of the line just completed.
     *
     * @return its length in bytes, without CRLF
     */
    int lineLength() {
        return completedLength;
    }

    private void append(byte b, HttpParseError lineTooLong) throws HttpParseException {
        if (lineLength == limits.maxLineLength()) {
            throw new HttpParseException(lineTooLong);
        }
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, Math.min(line.length * 2, limits.maxLineLength()));
        }
        line[lineLength++] = b;
    }
}
