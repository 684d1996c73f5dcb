package dev.wsnio.conformance.robustness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The kernel's send and receive queues of one loopback TCP connection, read from Linux's
 * {@code /proc/net/tcp} and {@code tcp6}: bytes a sender wrote that are still in its socket buffer, and bytes
 * that arrived at a receiver but its application has not read yet. With them a test can tell
 * how many bytes an application has taken off a socket, whatever the kernel buffers hold.
 */
final class TcpQueues {

    /** IPv4 sockets, and IPv6 ones (Java's dual-stack sockets list 127.0.0.1 as ::ffff:127.0.0.1). */
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

    private TcpQueues() {
    }

    /** The queues of both ends of a connection, read at once. */
    record Snapshot(long clientUnsent, long serverUnread) {
    }

    /**
     * Reads the queues of the connection between a client port and a server port on 127.0.0.1.
     *
     * @param clientPort the client's local port
     * @param serverPort the server's port
     * @return the client's send queue and the server's receive queue
     * @throws IOException when the tables cannot be read
     * @throws AssertionError when the connection is not listed
     */
    static Snapshot read(int clientPort, int serverPort) throws IOException {
        String client = endpoint(clientPort);
        String server = endpoint(serverPort);
        long clientUnsent = -1;
        long serverUnread = -1;
        for (Path table : TABLES) {
            if (!Files.exists(table)) {
                continue;
            }
            List<String> lines = Files.readAllLines(table);
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                String[] queues = fields[4].split(":");
                if (fields[1].endsWith(client) && fields[2].endsWith(server)) {
                    clientUnsent = Long.parseLong(queues[0], 16);
                } else if (fields[1].endsWith(server) && fields[2].endsWith(client)) {
                    serverUnread = Long.parseLong(queues[1], 16);
                }
            }
        }
        if (clientUnsent < 0 || serverUnread < 0) {
            throw new AssertionError("connection " + clientPort + " -> " + serverPort + " not in " + TABLES);
        }
        return new Snapshot(clientUnsent, serverUnread);
    }

    /** 127.0.0.1:port as /proc/net/tcp writes it (the address in host byte order, little-endian). */
    private static String endpoint(int port) {
        return "0100007F:" + String.format(Locale.ROOT, "%04X", port);
    }
}
