package dev.wsnio.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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

    private final EventLoop loop;
    private final long limit;
    private final AtomicLong buffered = new AtomicLong();
    /** Operations of this connection handed to the loop and not yet run. */
    private final AtomicInteger waitingOnLoop = new AtomicInteger();

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
        return buffered.get();
    }

    /**
     * Takes {@code size} bytes of the budget, if the limit allows. Any thread.
     *
     * @return whether they were taken; if so, {@link #release} gives them back later
     */
    boolean reserve(long size) {
        long queued;
        do {
            queued = buffered.get();
            if (queued > 0 && queued + size > limit) {
                return false;
            }
        } while (!buffered.compareAndSet(queued, queued + size));
        return true;
    }

    /** Gives back what {@link #reserve} took, once the bytes are written or dropped. */
    void release(long size) {
        buffered.addAndGet(-size);
    }

    /** Runs an operation of this connection on its loop, in call order (see above). Any thread. */
    void runOnLoop(Runnable operation) {
        if (loop.inEventLoop() && waitingOnLoop.get() == 0) {
            operation.run();
            return;
        }
        waitingOnLoop.incrementAndGet();
        loop.execute(() -> {
            waitingOnLoop.decrementAndGet();
            operation.run();
        });
    }
}
