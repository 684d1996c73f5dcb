package dev.wsnio.benchmarks.hardening;

import dev.wsnio.benchmarks.load.ServerProcess;
import java.io.IOException;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * What a server process holds at one moment, read from outside: open file descriptors, threads,
 * live heap (after a full collection, by {@code jcmd GC.class_histogram}) and resident memory
 * (read right after that collection).
 *
 * @param fileDescriptors open file descriptors, sockets included
 * @param threads threads
 * @param liveHeapBytes live heap bytes, or -1 when jcmd could not tell
 * @param residentBytes resident set size in bytes
 */
record ServerSnapshot(int fileDescriptors, int threads, long liveHeapBytes, long residentBytes) {

    /**
     * Reads the server now.
     *
     * @param server the process
     * @return the snapshot
     * @throws IOException when the process is gone
     */
    static ServerSnapshot of(ServerProcess server) throws IOException {
        OptionalLong heap = server.liveHeapBytes();
        return new ServerSnapshot(server.openFileDescriptors(), server.threads(), heap.orElse(-1),
                server.residentBytes());
    }

    /** Bytes as MiB with one decimal. */
    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    /** One line for a report: {@code fds 14, threads 19, live heap 3.1 MiB, resident 61.2 MiB}. */
    String describe() {
        return String.format(Locale.ROOT, "fds %d, threads %d, live heap %s, resident %s", fileDescriptors, threads,
                liveHeapBytes < 0 ? "n/a" : mib(liveHeapBytes), mib(residentBytes));
    }

    /** The fields as {@code key=value} pairs for a machine-read RESULT line, with a prefix. */
    String fields(String prefix) {
        return String.format(Locale.ROOT, "%sfds=%d %sthreads=%d %sheap=%d %srss=%d", prefix, fileDescriptors,
                prefix, threads, prefix, liveHeapBytes, prefix, residentBytes);
    }
}
