package dev.wsnio.server;

/**
 * The bytes of live objects on this JVM's heap: the heap in use right after full collections
 * ({@code System.gc()}, which the JDK's collectors run as a full, stop-the-world collection
 * unless {@code -XX:+DisableExplicitGC} is set). The smallest of a few readings is taken, so
 * that a reading taken while another thread allocated does not count.
 */
final class LiveHeap {

    private static final int READINGS = 3;

    private LiveHeap() {
    }

    /** Live heap bytes now. */
    static long bytes() {
        Runtime runtime = Runtime.getRuntime();
        long smallest = Long.MAX_VALUE;
        for (int i = 0; i < READINGS; i++) {
            System.gc();
            smallest = Math.min(smallest, runtime.totalMemory() - runtime.freeMemory());
        }
        return smallest;
    }
}
