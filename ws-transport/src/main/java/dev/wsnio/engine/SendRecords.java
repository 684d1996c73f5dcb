package dev.wsnio.engine;

/**
 * The {@link Send} records of one event loop, reused: a send made on the loop's thread takes one
 * here, and its record comes back once the frame is written or dropped. At most
 * {@link #KEPT} are kept (what one turn of a busy loop has in flight), so the loop holds a few
 * kilobytes at most, whatever the number of connections. Loop thread only.
 */
final class SendRecords {

    /** The most records kept for reuse. */
    static final int KEPT = 256;

    private final Send[] free = new Send[KEPT];
    private int count;

    /**
     * A record for a send made on this loop's thread.
     *
     * @return a free record, or a new one when none is free
     */
    Send take() {
        if (count == 0) {
            return new Send(this);
        }
        Send record = free[--count];
        free[count] = null;
        return record;
    }

    /** Takes back a record whose send has ended (dropped when enough are kept). */
    void giveBack(Send record) {
        if (count < KEPT) {
            free[count++] = record;
        }
    }
}
