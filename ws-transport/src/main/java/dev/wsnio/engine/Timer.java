package dev.wsnio.engine;

/**
 * A task scheduled on an {@link EventLoop} for a moment in the future. Created by
 * {@link EventLoop#schedule}; cancelled by {@link #cancel()}. Loop-thread only.
 */
public final class Timer implements Comparable<Timer> {

    final long deadlineNanos;
    private final long sequence;
    /** The task, dropped on cancel: a cancelled timer may wait in the queue for its deadline. */
    Runnable task;
    private boolean cancelled;

    Timer(long deadlineNanos, long sequence, Runnable task) {
        this.deadlineNanos = deadlineNanos;
        this.sequence = sequence;
        this.task = task;
    }

    /**
     * Stops the task from running, if it has not run yet, and lets go of it (and so of whatever
     * it references, such as its connection). Safe to call more than once.
     */
    public void cancel() {
        cancelled = true;
        task = null;
    }

    /**
     * Whether {@link #cancel()} was called.
     *
     * @return true once cancelled
     */
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public int compareTo(Timer other) {
        int byDeadline = Long.compare(deadlineNanos - other.deadlineNanos, 0);
        return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
    }
}
