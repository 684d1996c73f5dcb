package dev.wsnio.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.RejectedExecutionException;

/**
 * The way from an application's send, on any thread, to the connection's event loop: the send
 * budget ({@code maxQueuedBytes}) checked on the caller's thread, and the order of operations
 * kept on the way to the loop.
 *
 * <p><b>Budget.</b> Bytes accepted and not yet written are counted, like the browser's
 * {@code bufferedAmount}. A send that would take the count past the limit is refused at once
 * (a message larger than the limit is still accepted when nothing is queued, or it could never
 * be sent). The bytes are given back when the frame is written or dropped.
 *
 * <p><b>Order.</b> Operations of one connection run on its loop in the order they were called:
 * a call on the loop thread runs at once only when nothing of this connection waits in the
 * loop's task queue; otherwise it queues behind, so a send made in a callback never overtakes
 * one another thread made before it.
 */
final class SendPath {

    private static final VarHandle BUFFERED;
    private static final VarHandle WAITING_ON_LOOP;

    static {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        try {
            BUFFERED = lookup.findVarHandle(SendPath.class, "buffered", long.class);
            WAITING_ON_LOOP = lookup.findVarHandle(SendPath.class, "waitingOnLoop", int.class);
        } catch (NoSuchFieldException | IllegalAccessException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final EventLoop loop;
    private final long limit;
    /** Bytes accepted and not yet written (atomic through {@link #BUFFERED}: no object per connection). */
    private volatile long buffered;
    /** Operations of this connection handed to the loop and not yet run. */
    private volatile int waitingOnLoop;

    SendPath(EventLoop loop, long limit) {
        this.loop = loop;
        this.limit = limit;
    }

    /** The send-queue limit in bytes. */
    long limit() {
        return limit;
    }

    /** Bytes accepted and not yet written (or dropped). Any thread. */
    long bufferedAmount() {
        return buffered;
    }

    /**
     * Takes {@code size} bytes of the budget, if the limit allows. Any thread.
     *
     * @return whether they were taken; if so, {@link #release} gives them back later
     */
    boolean reserve(long size) {
        long queued;
        do {
            queued = buffered;
            if (queued > 0 && queued + size > limit) {
                return false;
            }
        } while (!BUFFERED.compareAndSet(this, queued, queued + size));
        return true;
    }

    /** Gives back what {@link #reserve} took, once the bytes are written or dropped. */
    void release(long size) {
        BUFFERED.getAndAdd(this, -size);
    }

    /**
     * Runs an operation of this connection on its loop, in call order (see above). Any thread.
     *
     * @return false when the loop has stopped (and the connection with it): the operation will
     *     never run
     */
    boolean runOnLoop(Runnable operation) {
        if (canRunNow()) {
            operation.run();
            return true;
        }
        return queueOnLoop(operation);
    }

    /**
     * Whether an operation called now may run at once: on the loop thread, with nothing of this
     * connection waiting in the loop's task queue (see <b>Order</b> above). Any thread.
     */
    boolean canRunNow() {
        return loop.inEventLoop() && waitingOnLoop == 0;
    }

    /**
     * Queues an operation behind those waiting on the loop, to run in a later turn. Any thread.
     *
     * @return false when the loop has stopped: the operation will never run
     */
    boolean queueOnLoop(Runnable operation) {
        WAITING_ON_LOOP.getAndAdd(this, 1);
        try {
            loop.execute(() -> {
                WAITING_ON_LOOP.getAndAdd(this, -1);
                operation.run();
            });
            return true;
        } catch (RejectedExecutionException stopped) {
            WAITING_ON_LOOP.getAndAdd(this, -1);
            return false;
        }
    }
}
