package dev.wsnio.handshake;

/**
 * Bounds on an HTTP message head, enforced while it is parsed so that a peer can never make
 * the parser hold more than {@link #maxHeadBytes()} bytes.
 *
 * <p>The defaults ({@link #DEFAULT}) are 8 KiB for the whole head, 8 KiB for one line and
 * 100 header fields. A request line checks first: one that does not fit in either limit is
 * answered with 414 (URI Too Long, RFC 9112 §3); only a head whose request line fits and whose
 * fields do not gets 431. With the defaults the head limit is the one that binds; the line
 * limit matters when the head limit is raised.
 *
 * @param maxHeadBytes   the largest head accepted, start line, field lines and every CRLF
 *                       included; a larger request head is answered with 431 (414 when the
 *                       request line alone does not fit)
 * @param maxLineLength  the longest start line or field line, CRLF excluded; a longer request
 *                       line is answered with 414 (RFC 9112 §3), a longer field line with 431
 * @param maxFieldCount  the most header fields accepted; more are answered with 431
 */
public record HeadLimits(int maxHeadBytes, int maxLineLength, int maxFieldCount) {

    /** 8 KiB heads, 8 KiB lines, 100 fields. */
    public static final HeadLimits DEFAULT = new HeadLimits(8 * 1024, 8 * 1024, 100);

    /**
     * Validates the limits.
     *
     * @param maxHeadBytes  the largest head accepted, in bytes
     * @param maxLineLength the longest line accepted, in bytes, without its CRLF
     * @param maxFieldCount the most header fields accepted
     * @throws IllegalArgumentException when a byte limit is not positive or the field count
     *                                  is negative
     */
    public HeadLimits {
        if (maxHeadBytes < 1 || maxLineLength < 1 || maxFieldCount < 0) {
            throw new IllegalArgumentException("head limits must be positive: " + maxHeadBytes
                    + " bytes, " + maxLineLength + " per line, " + maxFieldCount + " fields");
        }
    }
}
