package dev.wsnio.examples;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** Prints lines prefixed with the local time ({@code 12:00:01.250}), one whole line at a time. */
public final class TimestampedLog {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final PrintStream out;

    /**
     * Creates a log on a stream.
     *
     * @param out where the lines go
     */
    public TimestampedLog(PrintStream out) {
        this.out = out;
    }

    /**
     * Prints one line with the current time in front.
     *
     * @param line the text
     */
    public void println(String line) {
        String stamped = LocalTime.now().format(TIME) + " " + line;
        synchronized (out) {
            out.println(stamped);
        }
    }
}
