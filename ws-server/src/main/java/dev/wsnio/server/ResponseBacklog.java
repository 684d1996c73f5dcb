package dev.wsnio.server;

import java.util.ArrayDeque;

/**
 * The responses of one HTTP connection that are queued and not yet handed to the socket, in
 * order: how many bytes they hold, and by when the oldest must be written. The exchange stops
 * parsing requests while these bytes are above a mark, so the backlog stays small whatever a
 * client pipelines. Loop thread only.
 */
final class ResponseBacklog {

    /** A queued response: its size and the time by which it must be written. */
    private record Queued(int bytes, long deadlineNanos) {
    }

    private final ArrayDeque<Queued> queued = new ArrayDeque<>();
    private long bytes;

    /**
     * Records a response just queued.
     *
     * @param length its bytes
     * @param deadlineNanos when it must have been written ({@link System#nanoTime()} time)
     */
    void add(int length, long deadlineNanos) {
        queued.addLast(new Queued(length, deadlineNanos));
        bytes += length;
    }

    /** Records that the oldest response was handed to the socket (completions come in order). */
    void oldestWritten() {
        Queued written = queued.pollFirst();
        if (written != null) {
            bytes -= written.bytes();
        }
    }

    /**
     * Bytes of responses queued and not written.
     *
     * @return the backlog in bytes
     */
    long bytes() {
        return bytes;
    }

    /**
     * Whether every queued response has been written.
     *
     * @return true when nothing waits
     */
    boolean isEmpty() {
        return queued.isEmpty();
    }

    /**
     * The time by which the oldest response must be written.
     *
     * @return a {@link System#nanoTime()} time
     * @throws java.util.NoSuchElementException when empty
     */
    long oldestDeadline() {
        return queued.getFirst().deadlineNanos();
    }
}
