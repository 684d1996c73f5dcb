package dev.wsnio.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A fixed set of {@link EventLoop}s sharing the connections of a server or client: each new
 * connection goes to the next loop in turn and stays there. The number of threads is fixed
 * when the group is made; it does not grow with the number of connections.
 *
 * <p>The loops stand or fall together: when a failure stops one loop, the group tells its owner
 * (once) and stops every other loop with the same cause, so no half-alive server or client is
 * left serving some connections and not others.
 */
public final class EventLoopGroup {

    private final EventLoop[] loops;
    private final AtomicInteger next = new AtomicInteger();
    private final Consumer<Throwable> onFailure;
    private final AtomicBoolean failed = new AtomicBoolean();

    /**
     * Creates and starts the loops.
     *
     * @param count how many loops (threads); the usual choice is the number of processors
     * @param namePrefix the threads are named {@code namePrefix + "-" + index}
     * @param onFailure told once, on the failing loop's thread, when a failure stops a loop
     *     (all the loops are then stopping)
     */
    public EventLoopGroup(int count, String namePrefix, Consumer<Throwable> onFailure) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one event loop is needed");
        }
        this.onFailure = onFailure;
        loops = new EventLoop[count];
        for (int i = 0; i < count; i++) {
            loops[i] = new EventLoop(namePrefix + "-" + (i + 1), this::loopFailed);
        }
    }

    private void loopFailed(Throwable cause) {
        if (failed.compareAndSet(false, true)) {
            try {
                onFailure.accept(cause);
            } finally {
                shutdown(cause);
            }
        }
    }

    /**
     * The loop for a new connection (round robin).
     *
     * @return the next loop in turn
     */
    public EventLoop next() {
        return loops[Math.floorMod(next.getAndIncrement(), loops.length)];
    }

    /**
     * How many loops the group has.
     *
     * @return the number of loops, fixed at construction
     */
    public int size() {
        return loops.length;
    }

    /**
     * The loop at an index, for tests and metrics.
     *
     * @param index 0 to {@code size() - 1}
     * @return the loop
     */
    public EventLoop get(int index) {
        return loops[index];
    }

    /**
     * Shuts every loop down (closing their channels).
     *
     * @return completes when every loop's thread has ended
     */
    public CompletableFuture<Void> shutdown() {
        return shutdown(null);
    }

    /**
     * Shuts every loop down because something failed: every peer is told why where a frame can
     * still be written.
     *
     * @param cause what failed, or null for an orderly stop
     * @return completes when every loop's thread has ended
     */
    public CompletableFuture<Void> shutdown(Throwable cause) {
        CompletableFuture<?>[] all = new CompletableFuture<?>[loops.length];
        for (int i = 0; i < loops.length; i++) {
            all[i] = loops[i].shutdown(cause);
        }
        return CompletableFuture.allOf(all);
    }
}
