package dev.wsnio.benchmarks.peers;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The command line every benchmark echo server takes:
 * {@code [--host 127.0.0.1] [--port N] [--threads N] [--stop-after DURATION]
 * [--tls-keystore FILE.p12 [--tls-password SECRET]]}. Only loopback addresses are accepted;
 * every server stops by itself after {@code --stop-after} (30 minutes by default), so that a
 * forgotten one does not run on. A server that cannot serve {@code wss://} refuses a key store
 * ({@link #requirePlain}).
 *
 * @param host the loopback address to listen on
 * @param port the port
 * @param threads the number of I/O threads (event loops), by default the available processors
 * @param stopAfter how long the server runs at most
 * @param tlsKeystore a PKCS#12 key store with the server's key and certificate: serve
 *        {@code wss://} instead of {@code ws://}
 * @param tlsPassword the key store's password (and its key's)
 */
public record ServerOptions(InetAddress host, int port, int threads, Duration stopAfter,
                            Optional<Path> tlsKeystore, String tlsPassword) {

    /**
     * Parses the command line.
     *
     * @param args the arguments
     * @param defaultPort the port when none is given
     * @return the options
     * @throws IllegalArgumentException on an unknown option, a bad value, or a non-loopback host
     */
    public static ServerOptions parse(String[] args, int defaultPort) {
        String host = "127.0.0.1";
        int port = defaultPort;
        int threads = Runtime.getRuntime().availableProcessors();
        Duration stopAfter = Duration.ofMinutes(30);
        Path keystore = null;
        String password = "benchmark";
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--host" -> host = required(args[i], value);
                case "--port" -> port = Integer.parseInt(required(args[i], value));
                case "--threads" -> threads = Integer.parseInt(required(args[i], value));
                case "--stop-after" -> stopAfter = Durations.parse(required(args[i], value));
                case "--tls-keystore" -> keystore = Path.of(required(args[i], value));
                case "--tls-password" -> password = required(args[i], value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: --host ADDRESS --port N --threads N --stop-after DURATION"
                        + " --tls-keystore FILE.p12 --tls-password SECRET");
            }
            i++;
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host " + host, e);
        }
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException(host + " is not a loopback address: benchmarks stay on loopback");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1");
        }
        return new ServerOptions(address, port, threads, stopAfter, Optional.ofNullable(keystore), password);
    }

    /**
     * Refuses a key store, for a server that only serves {@code ws://}.
     *
     * @param server the server's name, for the message
     * @throws IllegalArgumentException when {@code --tls-keystore} was given
     */
    public void requirePlain(String server) {
        if (tlsKeystore.isPresent()) {
            throw new IllegalArgumentException("--tls-keystore: the " + server + " echo server serves ws:// only");
        }
    }

    /**
     * The scheme the server serves.
     *
     * @return {@code wss} with a key store, {@code ws} without
     */
    public String scheme() {
        return tlsKeystore.isPresent() ? "wss" : "ws";
    }

    private static String required(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    /**
     * Prints the line scripts wait for, then blocks until the lifetime is over or the process
     * is told to stop; the caller then stops its server.
     *
     * @param name the server's name and version
     * @throws InterruptedException when interrupted while waiting
     */
    public void announceAndWait(String name) throws InterruptedException {
        System.out.printf("%s echo server listening on %s://%s:%d/ pid %d threads %d (stops after %s)%n",
                name, scheme(), host.getHostAddress(), port, ProcessHandle.current().pid(), threads, stopAfter);
        System.out.flush();
        Thread.sleep(stopAfter.toMillis());
    }
}
