package dev.wsnio.examples.connect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads the user's lines (UTF-8) on a daemon thread of their own, so that the program can end
 * when the server closes even while a read is blocked, and hands each line over, then reports
 * the end of input.
 */
final class InputLines {

    private InputLines() {
    }

    /**
     * Starts reading.
     *
     * @param in the input, read to its end
     * @param onLine called with each line, without its line end, on the reading thread
     * @param onEnd called once after the last line (end of input, or an input error)
     */
    static void start(InputStream in, Consumer<String> onLine, Runnable onEnd) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    onLine.accept(line);
                }
            } catch (IOException e) {
                // an unreadable input ends it like Ctrl-D
            } finally {
                onEnd.run();
            }
        }, "wsnio-connect-input");
        reader.setDaemon(true);
        reader.start();
    }
}
