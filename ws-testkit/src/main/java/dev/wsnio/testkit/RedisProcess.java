package dev.wsnio.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code redis-server} (Debian's package) for a test: started on a free loopback port
 * with no persistence, in a directory of its own, and stopped by its process id. It can be
 * killed and started again on the same port, as an outage would.
 */
public final class RedisProcess implements AutoCloseable {

    private final int port;
    private final Path directory;
    private final List<String> extraArguments;
    private ChildProcess process;

    private RedisProcess(int port, Path directory, List<String> extraArguments) {
        this.port = port;
        this.directory = directory;
        this.extraArguments = extraArguments;
    }

    /**
     * Starts a Redis on a free loopback port, with no persistence, and waits until it answers.
     *
     * @param extraArguments more {@code redis-server} arguments (e.g. {@code --tls-port N ...})
     * @return the running server
     */
    public static RedisProcess start(String... extraArguments) {
        try {
            RedisProcess redis = new RedisProcess(freePort(), Files.createTempDirectory("wsnio-redis"),
                    List.of(extraArguments));
            redis.startAgain();
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A loopback port free at the time of the call, for a second listener of the server (TLS).
     *
     * @return the port
     * @throws IOException when no port can be probed
     */
    public static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            return probe.getLocalPort();
        }
    }

    /**
     * The plain (non-TLS) port.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * The server's {@code redis://} URL.
     *
     * @return the URL
     */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /**
     * The server's process id.
     *
     * @return the pid
     */
    public long pid() {
        return process.pid();
    }

    /** Starts the server (again, after {@link #kill}) on its port and waits until it answers. */
    public void startAgain() {
        List<String> command = new ArrayList<>(List.of("redis-server",
                "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", directory.toString()));
        command.addAll(extraArguments);
        try {
            process = ChildProcess.start(directory, command.toArray(String[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException("is redis-server installed? (bash conformance/peers/install.sh)", e);
        }
        awaitAnswering();
    }

    /**
     * Kills the server (SIGKILL, as a crash): its clients see their connections reset.
     *
     * @throws IOException when the process cannot be ended
     */
    public void kill() throws IOException {
        process.close();
    }

    /**
     * Runs a command with {@code redis-cli} against this server.
     *
     * @param arguments the command and its arguments, after the host and port options
     * @return its output lines
     */
    public List<String> cli(String... arguments) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", String.valueOf(port)));
        command.addAll(List.of(arguments));
        try (ChildProcess cli = ChildProcess.start(directory, command.toArray(String[]::new))) {
            cli.awaitExit(Duration.ofSeconds(10));
            String output = (cli.out().text() + cli.err().text()).strip();
            return output.isBlank() ? List.of() : List.of(output.split("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitAnswering() {
        Eventually.await("redis-server answering PING on port " + port, this::answersPing);
    }

    private boolean answersPing() {
        if (!process.isAlive()) {
            throw new IllegalStateException("redis-server exited: " + process.out().text() + process.err().text());
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] answer = new byte[7];
            return socket.getInputStream().readNBytes(answer, 0, 7) == 7
                    && new String(answer, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException notYet) {
            return false; // still starting
        }
    }

    /**
     * Stops the server by its process id, as a test's end does.
     *
     * @throws IOException when the process cannot be ended
     */
    @Override
    public void close() throws IOException {
        if (process != null) {
            process.close();
        }
    }
}
