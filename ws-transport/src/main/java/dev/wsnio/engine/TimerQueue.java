package dev.wsnio.engine;

import java.util.PriorityQueue;

/**
 * The timers of one event loop, ordered by deadline: a binary heap, so scheduling and running
 * cost O(log n) and no thread exists per connection or per timer. Cancelled timers stay in the
 * heap until their deadline and are then skipped (connections cancel and re-arm rarely: idle
 * and heartbeat checks re-arm only when they fire).
 */
final class TimerQueue {

    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private long sequence;

    Timer schedule(long deadlineNanos, Runnable task) {
        Timer timer = new Timer(deadlineNanos, sequence++, task);
        timers.add(timer);
        return timer;
    }

    /**
     * How long the loop may sleep before the next timer is due.
     *
     * @param nowNanos the current {@link System#nanoTime()}
     * @return milliseconds to wait (at least 1, rounded up), 0 when a timer is due, or -1 when
     *     there is no timer
     */
    long millisUntilNext(long nowNanos) {
        Timer next = timers.peek();
        while (next != null && next.isCancelled()) {
            timers.poll();
            next = timers.peek();
        }
        if (next == null) {
            return -1;
        }
        long nanos = next.deadlineNanos - nowNanos;
        return nanos <= 0 ? 0 : Math.max(1, (nanos + 999_999) / 1_000_000);
    }

    /**
     * Runs every timer whose deadline has passed.
     *
     * @param nowNanos the current {@link System#nanoTime()}
     * @param onFailure receives what a task throws, so one failing timer does not stop others
     */
    void runExpired(long nowNanos, java.util.function.Consumer<RuntimeException> onFailure) {
        Timer next;
        while ((next = timers.peek()) != null && next.deadlineNanos - nowNanos <= 0) {
            timers.poll();
            if (!next.isCancelled()) {
                Runnable task = next.task;
                next.cancel(); // ran: a later cancel() is harmless
                try {
                    task.run();
                } catch (RuntimeException e) {
                    onFailure.accept(e);
                }
            }
        }
    }

    /** Number of timers still to run. */
    int activeCount() {
        int active = 0;
        for (Timer timer : timers) {
            if (!timer.isCancelled()) {
                active++;
            }
        }
        return active;
    }
}
