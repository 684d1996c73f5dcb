package dev.wsnio.examples;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The examples program in a child JVM ({@code java -cp <test class path> dev.wsnio.examples.Main
 * ARGS}), as a user runs it: its output captured line by line, its input writable, its exit
 * status observable. Killed when closed, whatever its state.
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final OutputFile out;
    private final OutputFile err;

    private ChildJvm(Process process, OutputFile out, OutputFile err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /**
     * Starts {@code Main} with arguments.
     *
     * @param args the command line
     * @return the running program
     * @throws IOException when the JVM cannot be started
     */
    public static ChildJvm start(String... args) throws IOException {
        return startWith(List.of(), args);
    }

    /**
     * Starts {@code Main} with JVM options (a small heap, say) and arguments.
     *
     * @param jvmOptions options for the child JVM
     * @param args the command line
     * @return the running program
     * @throws IOException when the JVM cannot be started
     */
    public static ChildJvm startWith(List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        // Output goes to files, not pipes: a pipe's last bytes can be lost to a reader racing
        // the JDK's own draining of it when the process exits.
        OutputFile out = new OutputFile(Files.createTempFile("wsnio-child-", ".out"));
        OutputFile err = new OutputFile(Files.createTempFile("wsnio-child-", ".err"));
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.path.toFile())
                .redirectError(err.path.toFile())
                .start();
        return new ChildJvm(process, out, err);
    }

    /** What the program printed on standard output so far. */
    public OutputFile out() {
        return out;
    }

    /** What the program printed on standard error so far. */
    public OutputFile err() {
        return err;
    }

    /**
     * Waits for an output line matching a pattern.
     *
     * @param pattern the pattern a whole line must match
     * @param timeout the longest wait
     * @return the match, for its groups
     * @throws AssertionError when the time is up, or the program exits first
     * @throws InterruptedException when interrupted while waiting
     */
    public Matcher awaitLine(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long exitedAt = 0;
        while (true) {
            for (String line : out.text().split("\n")) {
                Matcher matcher = pattern.matcher(line.strip());
                if (matcher.matches()) {
                    return matcher;
                }
            }
            long now = System.nanoTime();
            if (exitedAt == 0 && !process.isAlive()) {
                exitedAt = now;
            }
            // after an exit, the output still in the pipe is read within moments
            boolean exitedLongAgo = exitedAt != 0 && now - exitedAt > TimeUnit.MILLISECONDS.toNanos(500);
            if (now > deadline || exitedLongAgo) {
                throw new AssertionError("no line matching " + pattern + (exitedLongAgo ? " before the exit" : "")
                        + "\nstdout:\n" + out.text() + "\nstderr:\n" + err.text());
            }
            Thread.sleep(20);
        }
    }

    /**
     * Types a line on the program's standard input.
     *
     * @param line the text, without the line end
     * @throws IOException when the program no longer reads
     */
    public void type(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /**
     * Ends the program's standard input, as Ctrl-D does.
     *
     * @throws IOException when closing fails
     */
    public void endInput() throws IOException {
        process.getOutputStream().close();
    }

    /** Asks the program to stop, as Ctrl-C or {@code kill} do (SIGTERM). */
    public void terminate() {
        process.destroy();
    }

    /**
     * Waits for the program to exit.
     *
     * @param timeout the longest wait
     * @return its exit status
     * @throws AssertionError when it is still running after the timeout
     * @throws InterruptedException when interrupted while waiting
     */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + timeout.toMillis() + " ms\nstdout:\n" + out.text()
                    + "\nstderr:\n" + err.text());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(out.path);
        Files.deleteIfExists(err.path);
    }

    /** A file a child process writes its output to. */
    public static final class OutputFile {
        private final Path path;

        private OutputFile(Path path) {
            this.path = path;
        }

        /** Everything written so far, decoded as UTF-8. */
        public String text() {
            try {
                return Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
