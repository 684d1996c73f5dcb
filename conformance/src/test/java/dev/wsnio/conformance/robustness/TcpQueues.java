package dev.wsnio.conformance.robustness;

import dev.wsnio.testkit.ChildProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The kernel's queues of one loopback TCP connection, as Linux's {@code ss} reports them: bytes
 * the client wrote that are still in its socket buffer, and bytes that reached the server's
 * socket but its application has not read yet. With them a test can tell how many bytes the
 * server has taken off its socket, whatever the kernel buffers hold. {@code ss} asks the kernel
 * for just these two sockets in one netlink dump, so both queues are read within microseconds
 * (a scan of {@code /proc/net/tcp6}, thousands of lines after a busy test run, takes tens of
 * milliseconds, during which the queues move).
 */
final class TcpQueues {

    private TcpQueues() {
    }

    /**
     * The queues of both ends of a connection.
     *
     * @param clientUnsent bytes the client wrote that its kernel has not delivered
     * @param serverUnread bytes delivered to the server's socket that it has not read
     */
    record Snapshot(long clientUnsent, long serverUnread) {
    }

    /**
     * Reads the queues of the connection between a client port and a server port on 127.0.0.1.
     *
     * @param clientPort the client's local port
     * @param serverPort the server's port
     * @return the client's send queue and the server's receive queue
     * @throws IOException when {@code ss} cannot run (install iproute2)
     * @throws InterruptedException when interrupted while {@code ss} runs
     * @throws AssertionError when the connection is not listed, or {@code ss} fails
     */
    static Snapshot read(int clientPort, int serverPort) throws IOException, InterruptedException {
        List<String> output;
        try (ChildProcess ss = ChildProcess.start(Path.of("."), "ss", "-tnH", "state", "established",
                "( sport = :" + clientPort + " or dport = :" + clientPort + " )")) {
            output = ss.awaitSuccess(Duration.ofSeconds(5));
        }
        long clientUnsent = -1;
        long serverUnread = -1;
        for (String line : output) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 4) {
                continue;
            }
            if (fields[2].endsWith(":" + clientPort) && fields[3].endsWith(":" + serverPort)) {
                clientUnsent = Long.parseLong(fields[1]);
            } else if (fields[2].endsWith(":" + serverPort) && fields[3].endsWith(":" + clientPort)) {
                serverUnread = Long.parseLong(fields[0]);
            }
        }
        if (clientUnsent < 0 || serverUnread < 0) {
            throw new AssertionError("connection " + clientPort + " -> " + serverPort + " not listed by ss: " + output);
        }
        return new Snapshot(clientUnsent, serverUnread);
    }
}
