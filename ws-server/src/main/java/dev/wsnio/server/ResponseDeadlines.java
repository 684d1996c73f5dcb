package dev.wsnio.server;

import java.util.ArrayDeque;

/**
 * The times by which the responses queued on one HTTP connection, and not yet handed to the
 * socket, must be written: one per response, oldest first (responses are written in order).
 * The exchange parses no new request while its output is backlogged, so only a few responses
 * wait at any time. Loop thread only.
 */
final class ResponseDeadlines {

    /** Made by the first response queued: a connection that only upgrades to WebSocket has none. */
    private ArrayDeque<Long> deadlines;

    /**
     * Records a response just queued.
     *
     * @param deadlineNanos when it must have been written ({@link System#nanoTime()} time)
     */
    void queued(long deadlineNanos) {
        if (deadlines == null) {
            deadlines = new ArrayDeque<>(4);
        }
        deadlines.addLast(deadlineNanos);
    }

    /** Records that the oldest response was handed to the socket. */
    void oldestWritten() {
        deadlines.pollFirst();
    }

    /**
     * Whether every queued response has been written.
     *
     * @return true when nothing waits
     */
    boolean isEmpty() {
        return deadlines == null || deadlines.isEmpty();
    }

    /**
     * The time by which the oldest waiting response must be written.
     *
     * @return a {@link System#nanoTime()} time
     * @throws java.util.NoSuchElementException when nothing waits
     */
    long oldest() {
        return deadlines.getFirst();
    }
}
