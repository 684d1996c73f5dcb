package dev.wsnio.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed set of {@link EventLoop}s sharing the connections of a server or client: each new
 * connection goes to the next loop in turn and stays there. The number of threads is fixed
 * when the group is made; it does not grow with the number of connections.
 */
public final class EventLoopGroup {

    private final EventLoop[] loops;
    private final AtomicInteger next = new AtomicInteger();

    /**
     * Creates and starts the loops.
     *
     * @param count how many loops (threads); the usual choice is the number of processors
     * @param namePrefix the threads are named {@code namePrefix + "-" + index}
     */
    public EventLoopGroup(int count, String namePrefix) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one event loop is needed");
        }
        loops = new EventLoop[count];
        for (int i = 0; i < count; i++) {
            loops[i] = new EventLoop(namePrefix + "-" + (i + 1));
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
        CompletableFuture<?>[] all = new CompletableFuture<?>[loops.length];
        for (int i = 0; i < loops.length; i++) {
            all[i] = loops[i].shutdown();
        }
        return CompletableFuture.allOf(all);
    }
}
