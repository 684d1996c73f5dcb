package dev.wsnio.benchmarks.load;

import dev.wsnio.benchmarks.peers.Durations;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The load tool's command line, parsed and checked.
 *
 * @param mode echo traffic, or idle connections held
 * @param uri the server's ws:// URL (loopback only)
 * @param connections how many connections to open
 * @param messageSize the size of each message, in bytes
 * @param inFlight messages in flight per connection (sent, echo not yet received)
 * @param duration the measured time (echo mode)
 * @param warmup the time before measuring (echo mode)
 * @param binary binary messages, or text
 * @param compression whether to offer permessage-deflate
 * @param sources the local addresses to connect from, empty for the system's choice
 * @param connectConcurrency the most connection attempts in progress at once
 * @param clientThreads the client's event loops
 * @param serverPid the server's process id, to read its CPU time and resident memory
 * @param settle how long idle connections sit before the server's memory is read again
 * @param hold how long idle connections are held after the measurement
 * @param heapHistogram whether to read the server's live heap with {@code jcmd} (Java servers)
 */
public record LoadOptions(Mode mode, URI uri, int connections, int messageSize, int inFlight,
                          Duration duration, Duration warmup, boolean binary, boolean compression,
                          List<InetAddress> sources, int connectConcurrency, int clientThreads,
                          OptionalLong serverPid, Duration settle, Duration hold, boolean heapHistogram) {

    /** What the tool does with its connections. */
    public enum Mode {
        /** Every connection sends messages and verifies their echoes. */
        ECHO,
        /** Connections are opened and held without traffic; the server's memory is measured. */
        IDLE
    }

    /** How many connections one source address serves, well below the ephemeral port range. */
    static final int CONNECTIONS_PER_SOURCE = 20_000;

    /** The usage text. */
    static final String USAGE = """
            usage: java -cp benchmarks.jar dev.wsnio.benchmarks.load.LoadTool [options]
              --mode echo|idle           echo traffic (default) or idle connections held
              --url URL                  the echo server (default ws://127.0.0.1:9000/), loopback only
              --connections N            connections to open (default 100)
              --size BYTES               message size (default 64)
              --in-flight N              messages in flight per connection (default 1)
              --duration D               measured time, e.g. 10s (default 10s)
              --warmup D                 time before measuring (default 3s)
              --type text|binary         message type (default binary)
              --compression on|off       offer permessage-deflate (default off)
              --sources N|auto           source addresses 127.0.0.2 ... 127.0.0.(N+1); auto: one per
                                         20,000 connections, none below that (default auto)
              --connect-concurrency N    connection attempts in progress at once (default 256)
              --client-threads N         the client's event loops (default: available processors)
              --server-pid PID           the server process: its CPU time and resident memory
              --settle D                 idle mode: wait before reading the server's memory (default 5s)
              --hold D                   idle mode: keep the connections this long afterwards (default 0s)
              --heap-histogram on|off    idle mode: live heap of a Java server via jcmd (default on)
            """;

    /**
     * Parses the command line.
     *
     * @param args the arguments
     * @return the options
     * @throws IllegalArgumentException with a message for the user when an option is wrong
     */
    public static LoadOptions parse(String[] args) {
        Mode mode = Mode.ECHO;
        String url = "ws://127.0.0.1:9000/";
        int connections = 100;
        int size = 64;
        int inFlight = 1;
        Duration duration = Duration.ofSeconds(10);
        Duration warmup = Duration.ofSeconds(3);
        boolean binary = true;
        boolean compression = false;
        String sources = "auto";
        int connectConcurrency = 256;
        int clientThreads = Runtime.getRuntime().availableProcessors();
        OptionalLong serverPid = OptionalLong.empty();
        Duration settle = Duration.ofSeconds(5);
        Duration hold = Duration.ZERO;
        boolean heapHistogram = true;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--mode" -> mode = switch (value) {
                    case "echo" -> Mode.ECHO;
                    case "idle" -> Mode.IDLE;
                    default -> throw new IllegalArgumentException("--mode is echo or idle");
                };
                case "--url" -> url = value;
                case "--connections" -> connections = positive(args[i], value);
                case "--size" -> size = positive(args[i], value);
                case "--in-flight" -> inFlight = positive(args[i], value);
                case "--duration" -> duration = Durations.parse(value);
                case "--warmup" -> warmup = Durations.parse(value);
                case "--type" -> binary = switch (value) {
                    case "binary" -> true;
                    case "text" -> false;
                    default -> throw new IllegalArgumentException("--type is text or binary");
                };
                case "--compression" -> compression = onOff(args[i], value);
                case "--sources" -> sources = value;
                case "--connect-concurrency" -> connectConcurrency = positive(args[i], value);
                case "--client-threads" -> clientThreads = positive(args[i], value);
                case "--server-pid" -> serverPid = OptionalLong.of(positive(args[i], value));
                case "--settle" -> settle = Durations.parse(value);
                case "--hold" -> hold = Durations.parse(value);
                case "--heap-histogram" -> heapHistogram = onOff(args[i], value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        URI uri = URI.create(url);
        if (!"ws".equals(uri.getScheme())) {
            throw new IllegalArgumentException("--url must be a ws:// URL");
        }
        requireLoopback(uri.getHost());
        return new LoadOptions(mode, uri, connections, size, inFlight, duration, warmup, binary,
                compression, sourceAddresses(sources, connections), connectConcurrency, clientThreads,
                serverPid, settle, hold, heapHistogram);
    }

    private static List<InetAddress> sourceAddresses(String sources, int connections) {
        int count = "auto".equals(sources)
                ? (connections <= CONNECTIONS_PER_SOURCE ? 0
                        : (connections + CONNECTIONS_PER_SOURCE - 1) / CONNECTIONS_PER_SOURCE)
                : Integer.parseInt(sources);
        if (count < 0 || count > 250) {
            throw new IllegalArgumentException("--sources is auto or 0 to 250");
        }
        List<InetAddress> addresses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try {
                addresses.add(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (2 + i)}));
            } catch (UnknownHostException e) {
                throw new IllegalStateException("a 4-byte address is always valid", e);
            }
        }
        return List.copyOf(addresses);
    }

    private static void requireLoopback(String host) {
        try {
            if (host == null || !InetAddress.getByName(host).isLoopbackAddress()) {
                throw new IllegalArgumentException(host + " is not a loopback address: the load tool stays on loopback");
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host " + host, e);
        }
    }

    private static int positive(String option, String value) {
        int number = Integer.parseInt(value);
        if (number < 1) {
            throw new IllegalArgumentException(option + " must be at least 1");
        }
        return number;
    }

    private static boolean onOff(String option, String value) {
        return switch (value) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException(option + " is on or off");
        };
    }
}
