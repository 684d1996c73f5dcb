package dev.wsnio.engine;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs one connection's listener callbacks: inline on the event loop, or on an application's
 * {@link Executor}, one at a time and in order (a serial queue per connection, drained by one
 * executor task at a time, so callbacks of one connection never overlap even on a pool).
 *
 * <p>On an executor, the bytes of callbacks not yet run are counted; past a limit the dispatcher
 * asks the connection to stop reading, and to resume once the application caught up to half of
 * it. That is the read side of backpressure: a slow application slows its peer through TCP
 * instead of piling messages up in memory.
 */
final class CallbackDispatcher {

    /** What to do when reading must pause or may resume; called on the event loop. */
    interface ReadControl {
        void pause();

        void resume();
    }

    private final EventLoop loop;
    private final Executor executor;
    private final ReadControl readControl;
    private final long pauseAbove;

    // Guarded by 'this' (touched by the loop and by executor threads).
    /** Callbacks waiting for the executor; none when callbacks run inline. */
    private final ArrayDeque<Pending> queue;
    private boolean draining;
    private long pendingBytes;
    private boolean paused;

    CallbackDispatcher(EventLoop loop, Executor executor, ReadControl readControl, long pauseAbove) {
        this.loop = loop;
        this.executor = executor;
        this.readControl = readControl;
        this.pauseAbove = pauseAbove;
        this.queue = executor == null ? null : new ArrayDeque<>();
    }

    /** A callback waiting for the executor, with the payload bytes it holds. */
    private record Pending(Runnable callback, long bytes) {
    }

    /** Whether callbacks run on the loop thread itself (so buffers may be lent, not copied). */
    boolean inline() {
        return executor == null;
    }

    /**
     * Runs a callback now (inline) or queues it (executor).
     *
     * @param callback the callback; it handles its own exceptions
     * @param bytes the payload size it carries, counted against the pause limit
     */
    void dispatch(Runnable callback, long bytes) {
        if (executor == null) {
            callback.run();
            return;
        }
        boolean start;
        boolean pause = false;
        synchronized (this) {
            queue.addLast(new Pending(callback, bytes));
            pendingBytes += bytes;
            if (!paused && pendingBytes > pauseAbove) {
                paused = true;
                pause = true;
            }
            start = !draining;
            draining = true;
        }
        if (pause) {
            readControl.pause();
        }
        if (start) {
            startDrain();
        }
    }

    private void startDrain() {
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // The application's executor refuses work: run here rather than lose callbacks.
            drain();
        }
    }

    private void drain() {
        while (true) {
            Pending next;
            boolean resume = false;
            synchronized (this) {
                next = queue.pollFirst();
                if (next == null) {
                    draining = false;
                    return;
                }
                pendingBytes -= next.bytes();
                if (paused && pendingBytes <= pauseAbove / 2) {
                    paused = false;
                    resume = true;
                }
            }
            if (resume) {
                resumeReading();
            }
            next.callback().run();
        }
    }

    private void resumeReading() {
        try {
            loop.execute(readControl::resume);
        } catch (RejectedExecutionException e) {
            // The loop has shut down, and the connection with it: nothing to resume, but the
            // callbacks still queued (onClose last) must run all the same.
        }
    }
}
