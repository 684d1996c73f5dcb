package dev.wsnio.server;

import dev.wsnio.engine.EventLoop;
import dev.wsnio.engine.Timer;

/**
 * A deadline of one connection that moves often (at every request, at every response written)
 * on a single timer of the connection's loop. Moving it later costs no timer operation: the
 * timer wakes up at the earlier time, sees the new deadline and sleeps on. So a busy
 * keep-alive connection does not fill the loop's timer queue with cancelled timers, one per
 * request. Loop thread only.
 */
final class MovableDeadline {

    private final EventLoop loop;
    private final Runnable onExpiry;
    private final Runnable wakeUp = this::wakeUp;
    private Timer timer;
    private long timerNanos;
    private long deadlineNanos;
    private boolean set;

    /**
     * A deadline, not yet set.
     *
     * @param loop the loop whose timers it uses
     * @param onExpiry what to do when the deadline passes while set
     */
    MovableDeadline(EventLoop loop, Runnable onExpiry) {
        this.loop = loop;
        this.onExpiry = onExpiry;
    }

    /**
     * Sets the deadline to a time from now.
     *
     * @param nanosFromNow how long from now
     */
    void in(long nanosFromNow) {
        at(System.nanoTime() + nanosFromNow);
    }

    /**
     * Sets the deadline.
     *
     * @param nanos a {@link System#nanoTime()} value
     */
    void at(long nanos) {
        deadlineNanos = nanos;
        set = true;
        if (timer != null && nanos - timerNanos >= 0) {
            return; // the timer wakes up first and waits on
        }
        cancelTimer();
        schedule(nanos);
    }

    /** Unsets the deadline; a pending timer finds nothing to do. */
    void clear() {
        set = false;
    }

    /** Unsets the deadline and cancels the timer, so that it holds nothing (on close). */
    void cancel() {
        set = false;
        cancelTimer();
    }

    private void wakeUp() {
        timer = null;
        if (!set) {
            return;
        }
        if (deadlineNanos - System.nanoTime() > 0) {
            schedule(deadlineNanos);
            return;
        }
        set = false;
        onExpiry.run();
    }

    private void schedule(long nanos) {
        timerNanos = nanos;
        timer = loop.schedule(nanos - System.nanoTime(), wakeUp);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }
}
