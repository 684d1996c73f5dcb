package dev.wsnio.engine;

/**
 * The {@link WriteCompletion}s of a {@link WriteQueue} waiting for their bytes, oldest first,
 * each with the queue's count of bytes enqueued up to the end of its write: it is told once the
 * count of bytes written reaches that. Two parallel arrays used as a ring, so that tracking a
 * write creates no object. Loop thread only.
 */
final class PendingCompletions {

    private WriteCompletion[] completions = new WriteCompletion[2];
    private long[] endOffsets = new long[2];
    private int first;
    private int count;

    /** Whether no completion waits. */
    boolean isEmpty() {
        return count == 0;
    }

    /**
     * Adds a completion behind the others.
     *
     * @param endOffset the count of bytes enqueued up to the end of its write
     * @param completion told once that many bytes are written
     */
    void add(long endOffset, WriteCompletion completion) {
        if (count == completions.length) {
            grow();
        }
        int slot = (first + count) % completions.length;
        completions[slot] = completion;
        endOffsets[slot] = endOffset;
        count++;
    }

    /**
     * Tells, in order, every completion whose bytes are all written.
     *
     * @param writtenTotal the count of bytes written so far
     */
    void completeUpTo(long writtenTotal) {
        while (count > 0 && endOffsets[first] <= writtenTotal) {
            take().written();
        }
    }

    /**
     * Tells every waiting completion that its bytes will not be written.
     *
     * @param cause why
     */
    void failAll(Throwable cause) {
        while (count > 0) {
            take().failed(cause);
        }
    }

    /** Removes the oldest completion (before it is told: telling it may add new ones). */
    private WriteCompletion take() {
        WriteCompletion next = completions[first];
        completions[first] = null;
        first = (first + 1) % completions.length;
        count--;
        return next;
    }

    private void grow() {
        int capacity = completions.length * 2;
        WriteCompletion[] movedCompletions = new WriteCompletion[capacity];
        long[] movedOffsets = new long[capacity];
        for (int i = 0; i < count; i++) {
            int slot = (first + i) % completions.length;
            movedCompletions[i] = completions[slot];
            movedOffsets[i] = endOffsets[slot];
        }
        completions = movedCompletions;
        endOffsets = movedOffsets;
        first = 0;
    }
}
