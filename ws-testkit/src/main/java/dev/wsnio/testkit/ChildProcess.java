package dev.wsnio.testkit;

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
 * A program in a child process, as a user runs it: a peer in another language (Node, Python,
 * Chromium), a server binary, or a Java program in a fresh JVM. Its output is captured (to files,
 * not pipes: a pipe's last bytes can be lost to a reader racing the JDK's own draining of it
 * when the process exits), its input writable, its exit status observable, every wait bounded.
 * Killed with its own children when closed, whatever its state.
 */
public final class ChildProcess implements AutoCloseable {

    private final List<String> command;
    private final Process process;
    private final OutputFile out;
    private final OutputFile err;

    private ChildProcess(List<String> command, Process process, OutputFile out, OutputFile err) {
        this.command = command;
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /**
     * Starts a program.
     *
     * @param directory its working directory
     * @param command the program and its arguments
     * @return the running program
     * @throws IOException when it cannot be started
     */
    public static ChildProcess start(Path directory, String... command) throws IOException {
        List<String> commandLine = List.of(command);
        OutputFile out = new OutputFile(Files.createTempFile("wsnio-child-", ".out"));
        OutputFile err = new OutputFile(Files.createTempFile("wsnio-child-", ".err"));
        Process process = new ProcessBuilder(commandLine)
                .directory(directory.toFile())
                .redirectOutput(out.path.toFile())
                .redirectError(err.path.toFile())
                .start();
        return new ChildProcess(commandLine, process, out, err);
    }

    /**
     * Starts a Java program's {@code main} in a fresh JVM with this JVM's class path, tuned to
     * start fast.
     *
     * @param mainClass the class whose {@code main} runs
     * @param args its command line
     * @return the running program
     * @throws IOException when the JVM cannot be started
     */
    public static ChildProcess startJava(Class<?> mainClass, String... args) throws IOException {
        return startJava(List.of(), mainClass, args);
    }

    /**
     * Starts a Java program's {@code main} as {@link #startJava(Class, String...)} does, with
     * options for its JVM (a small heap, say).
     *
     * @param jvmOptions options for the child JVM
     * @param mainClass the class whose {@code main} runs
     * @param args its command line
     * @return the running program
     * @throws IOException when the JVM cannot be started
     */
    public static ChildProcess startJava(List<String> jvmOptions, Class<?> mainClass, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(List.of(args));
        return start(Path.of("."), command.toArray(String[]::new));
    }

    /**
     * The process id, to tell the program apart in a report (or stop it by id).
     *
     * @return the pid
     */
    public long pid() {
        return process.pid();
    }

    /**
     * Whether the program is still running.
     *
     * @return true until it has exited
     */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * What the program printed on standard output so far.
     *
     * @return its output file
     */
    public OutputFile out() {
        return out;
    }

    /**
     * What the program printed on standard error so far.
     *
     * @return its error file
     */
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
                throw new AssertionError("no line matching " + pattern + " from " + command
                        + (exitedLongAgo ? " before the exit" : "") + "\nstdout:\n" + out.text()
                        + "\nstderr:\n" + err.text());
            }
            Thread.sleep(20);
        }
    }

    /**
     * Waits for an output line that starts with a prefix.
     *
     * @param prefix the start of the line
     * @param timeout the longest wait
     * @return the whole line
     * @throws AssertionError when the time is up, or the program exits first
     * @throws InterruptedException when interrupted while waiting
     */
    public String awaitLineStartingWith(String prefix, Duration timeout) throws InterruptedException {
        return awaitLine(Pattern.compile(Pattern.quote(prefix) + ".*"), timeout).group();
    }

    /**
     * Waits for the program to end successfully.
     *
     * @param timeout the longest wait
     * @return every line it printed on standard output
     * @throws AssertionError when it is still running after the timeout, or exits with a failure
     * @throws InterruptedException when interrupted while waiting
     */
    public List<String> awaitSuccess(Duration timeout) throws InterruptedException {
        int status = awaitExit(timeout);
        if (status != 0) {
            throw new AssertionError(command + " failed (exit " + status + ")\nstdout:\n" + out.text()
                    + "\nstderr:\n" + err.text());
        }
        return out.text().lines().toList();
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
            throw new AssertionError(command + " still running after " + timeout.toMillis() + " ms\nstdout:\n"
                    + out.text() + "\nstderr:\n" + err.text());
        }
        return process.exitValue();
    }

    /** Kills the program and its own children (a browser's, say), waits for it, and deletes its output. */
    @Override
    public void close() throws IOException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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

        /**
         * Everything written so far, decoded as UTF-8.
         *
         * @return the text
         */
        public String text() {
            try {
                return Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
