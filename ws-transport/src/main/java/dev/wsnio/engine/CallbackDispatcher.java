package dev.wsnio.engine;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs one connection's listener callbacks: inline on the event loop ({@link #runInline}, no
 * object needed), or on an application's {@link Executor}, one at a time and in order (a serial
 * queue per connection, drained by one executor task at a time, so callbacks of one connection
 * never overlap even on a pool). It is the one place where a callback's failure is caught:
 * whatever a callback throws goes to {@link Owner#callbackFailed}, which decides.
 *
 * <p>On an executor, the bytes of callbacks not yet run are counted; past a limit the dispatcher
 * asks the connection to stop reading, and to resume once the application caught up to half of
 * it. That is the read side of backpressure: a slow application slows its peer through TCP
 * instead of piling messages up in memory.
 */
final class CallbackDispatcher {

    /** What the dispatcher asks of its connection. */
    interface Owner {
        /** Callbacks are behind: stop reading. Called on the event loop. */
        void pauseReading();

        /** Callbacks caught up: reading may resume. Called on an executor thread. */
        void resumeReading();

        /**
         * A callback threw. Called on the thread that ran it, after it.
         *
         * @param failure what it threw
         */
        void callbackFailed(Throwable failure);
    }

    private final Executor executor;
    private final Owner owner;
    private final long pauseAbove;

    // Guarded by 'this' (touched by the loop and by executor threads).
    /** Callbacks waiting for the executor. */
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean draining;
    private long pendingBytes;
    private boolean paused;

    /**
     * @param executor where callbacks run
     * @param pauseAbove the bytes of callbacks waiting for the executor above which reading pauses
     * @param owner the connection
     */
    CallbackDispatcher(Executor executor, long pauseAbove, Owner owner) {
        this.executor = Objects.requireNonNull(executor);
        this.owner = owner;
        this.pauseAbove = pauseAbove;
    }

    /**
     * Runs a callback at once on the calling thread: how callbacks run without an executor.
     *
     * @param callback the callback
     * @param owner told if it throws
     */
    static void runInline(Runnable callback, Owner owner) {
        runGuarded(callback, owner);
    }

    /** A callback waiting for the executor, with the payload bytes it holds. */
    private record Pending(Runnable callback, long bytes) {
    }

    /**
     * Queues a callback for the executor. Called on the event loop.
     *
     * @param callback the callback
     * @param bytes the payload size it carries, counted against the pause limit
     */
    void dispatch(Runnable callback, long bytes) {
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
            owner.pauseReading();
        }
        if (start) {
            startDrain();
        }
    }

    private static void runGuarded(Runnable callback, Owner owner) {
        try {
            callback.run();
        } catch (RuntimeException | Error e) {
            owner.callbackFailed(e);
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
                owner.resumeReading();
            }
            runGuarded(next.callback(), owner);
        }
    }
}
