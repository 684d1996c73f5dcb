package dev.wsnio.examples;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The streams a command talks through. The process's own streams are wrapped as UTF-8 whatever
 * the platform's default, so that messages such as {@code 你好,客户端} print as they are.
 *
 * @param in what the user types
 * @param out results and received messages
 * @param err diagnostics and errors
 */
public record Terminal(InputStream in, PrintStream out, PrintStream err) {

    /**
     * The process's standard streams, in UTF-8, auto-flushing.
     *
     * @return the terminal of this process
     */
    public static Terminal system() {
        return new Terminal(new FileInputStream(FileDescriptor.in),
                new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8),
                new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
    }
}
