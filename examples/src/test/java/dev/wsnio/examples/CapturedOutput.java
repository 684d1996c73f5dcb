package dev.wsnio.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A {@link PrintStream} that keeps what is printed, so that a test can wait for a line the
 * code under test prints (a server's log, a command's output).
 */
public final class CapturedOutput {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    /** The stream to print to. */
    public PrintStream stream() {
        return stream;
    }

    /** Everything printed so far. */
    public String text() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /**
     * Waits until the output contains a piece of text.
     *
     * @param expected the text
     * @param timeout the longest wait
     * @throws AssertionError when the time is up, with the output so far
     * @throws InterruptedException when interrupted while waiting
     */
    public void await(String expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!text().contains(expected)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + expected + "' within " + timeout.toMillis() + " ms in:\n" + text());
            }
            Thread.sleep(20);
        }
    }
}
