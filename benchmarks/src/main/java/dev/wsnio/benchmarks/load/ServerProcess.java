package dev.wsnio.benchmarks.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The server under load, seen from outside through {@code /proc} (Linux) and, for a Java
 * server, {@code jcmd}: its resident memory, its CPU time, its live heap, its open files and
 * threads.
 */
public final class ServerProcess {

    /** Clock ticks per second of {@code /proc/PID/stat}'s times ({@code getconf CLK_TCK}). */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final long pid;

    /**
     * Watches a process.
     *
     * @param pid its process id
     */
    public ServerProcess(long pid) {
        this.pid = pid;
    }

    /**
     * The process id.
     *
     * @return the pid
     */
    public long pid() {
        return pid;
    }

    /**
     * The resident set size: {@code VmRSS} of {@code /proc/PID/status}.
     *
     * @return bytes resident in memory
     * @throws IOException when the process is gone
     */
    public long residentBytes() throws IOException {
        return Long.parseLong(statusField("VmRSS").split("\\s+")[0]) * 1024; // kB
    }

    /**
     * The number of threads: {@code Threads} of {@code /proc/PID/status}.
     *
     * @return the process's threads
     * @throws IOException when the process is gone
     */
    public int threads() throws IOException {
        return Integer.parseInt(statusField("Threads"));
    }

    /**
     * The number of open file descriptors (sockets included): the entries of
     * {@code /proc/PID/fd}.
     *
     * @return the open file descriptors
     * @throws IOException when the process is gone or not ours
     */
    public int openFileDescriptors() throws IOException {
        try (var entries = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return (int) entries.count();
        }
    }

    private String statusField(String name) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        throw new IOException("no " + name + " in /proc/" + pid + "/status");
    }

    /**
     * User plus system CPU time: fields 14 and 15 of {@code /proc/PID/stat}.
     *
     * @return nanoseconds of CPU used so far (10 ms resolution)
     * @throws IOException when the process is gone
     */
    long cpuNanos() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        // the command name (field 2) is in parentheses and may hold spaces: count after it
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        return ticks * (TimeUnit.SECONDS.toNanos(1) / CLOCK_TICKS_PER_SECOND);
    }

    /**
     * Whether the process is a JVM (its command is {@code java}).
     *
     * @return true for a JVM
     */
    public boolean isJava() {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).trim().equals("java");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The bytes of live objects on the server's heap: {@code jcmd PID GC.class_histogram}, which
     * runs a full collection first and ends with a {@code Total} line.
     *
     * @return live heap bytes, or empty when jcmd failed
     */
    public OptionalLong liveHeapBytes() {
        try {
            Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            List<String> lines;
            try (var output = jcmd.getInputStream()) {
                lines = new String(output.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            }
            if (!jcmd.waitFor(120, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
                return OptionalLong.empty();
            }
            for (String line : lines) {
                String trimmed = line.trim();
                if (trimmed.startsWith("Total ")) {
                    String[] parts = trimmed.split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[2]));
                }
            }
            return OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }
}
