package dev.wsnio.conformance.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Another implementation running in its own process (Node, Python, Chromium): started with
 * {@link ProcessBuilder}, its standard output collected line by line, every wait bounded, and
 * killed (with its children) by {@link #close()}.
 */
final class PeerProcess implements AutoCloseable {

    /** Where the peers' scripts are: {@code conformance/peers}. */
    static final Path PEERS = Path.of(System.getProperty("conformance.basedir", ".")).resolve("peers");

    private final Process process;
    private final List<String> command;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final Path errors;

    private PeerProcess(List<String> command, Path directory) throws IOException {
        this.command = command;
        this.errors = Files.createTempFile("wsnio-peer", ".stderr");
        this.process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectError(errors.toFile()).start();
        Thread reader = new Thread(this::collect, "peer-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a peer.
     *
     * @param directory the working directory
     * @param command the program and its arguments
     * @return the running process
     * @throws IOException when it cannot start
     */
    static PeerProcess start(Path directory, String... command) throws IOException {
        return new PeerProcess(List.of(command), directory);
    }

    private void collect() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("(output unreadable: " + e + ")");
        }
    }

    /**
     * Waits for the next output line.
     *
     * @param within how long to wait
     * @return the line
     * @throws AssertionError when none comes in time
     */
    String nextLine(Duration within) throws InterruptedException {
        String line = lines.poll(within.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("no output from " + command + " within " + within.toMillis()
                    + " ms; so far: " + seen + "; stderr: " + errors());
        }
        seen.add(line);
        return line;
    }

    /**
     * Waits for a line starting with a prefix, skipping others.
     *
     * @param prefix the start of the line
     * @param within how long to wait in all
     * @return the line
     */
    String awaitLine(String prefix, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = nextLine(Duration.ofNanos(Math.max(left, 1)));
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    /**
     * Waits for the process to end and returns every line it printed.
     *
     * @param within how long to wait
     * @return all output lines
     * @throws AssertionError when it does not end in time or ends with a failure status
     */
    List<String> awaitSuccess(Duration within) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(command + " did not finish within " + within.toMillis() + " ms; output: "
                    + drain() + "; stderr: " + errors());
        }
        List<String> output = drain();
        if (process.exitValue() != 0) {
            throw new AssertionError(command + " failed (exit " + process.exitValue() + "): " + output
                    + "; stderr: " + errors());
        }
        return output;
    }

    private List<String> drain() throws InterruptedException {
        // the reader thread ends with the process's output; give it a moment to hand over the rest
        Thread.sleep(50);
        List<String> rest = new ArrayList<>();
        lines.drainTo(rest);
        seen.addAll(rest);
        return List.copyOf(seen);
    }

    String errors() {
        try {
            return Files.readString(errors, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable)";
        }
    }

    @Override
    public void close() throws IOException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(errors);
    }
}
