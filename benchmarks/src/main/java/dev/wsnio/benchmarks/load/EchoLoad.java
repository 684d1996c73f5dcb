package dev.wsnio.benchmarks.load;

import dev.wsnio.client.WebSocketClient;
import dev.wsnio.WebSocket;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutionException;
import org.HdrHistogram.Histogram;

/**
 * The echo run: open the connections, let each keep its messages in flight through a warm-up
 * and the measured window, then stop sending, wait for the last echoes, close everything, and
 * report throughput, latency percentiles, errors and CPU use.
 */
final class EchoLoad {

    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final LoadOptions options;
    private final PrintStream out;

    EchoLoad(LoadOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * Runs the load.
     *
     * @return the number of errors (0 for a clean run)
     * @throws InterruptedException when interrupted
     * @throws IOException when the server process cannot be read
     */
    long run() throws InterruptedException, IOException {
        EchoRun run = new EchoRun();
        EchoMessages messages = new EchoMessages(options.messageSize(), options.binary());
        EchoConnection[] connections = new EchoConnection[options.connections()];
        for (int i = 0; i < connections.length; i++) {
            connections[i] = new EchoConnection(i, messages, options.binary(), options.inFlight(), run);
        }
        ServerProcess server = options.serverPid().isPresent() ? new ServerProcess(options.serverPid().getAsLong()) : null;
        try (WebSocketClient client = LoadClient.build(options)) {
            Connector.Outcome opened = new Connector(client, options.uri(), options.sources(),
                    options.connectConcurrency()).open(connections.length, i -> connections[i]);
            out.printf(Locale.ROOT, "connected %d of %d in %.2f s%s; extensions agreed: %s%n", opened.sockets().size(),
                    connections.length, opened.elapsedNanos() / 1e9,
                    opened.failures().isEmpty() ? "" : "; failures: " + opened.failures(),
                    opened.sockets().isEmpty() || opened.sockets().get(0).extensions().isEmpty() ? "none"
                            : opened.sockets().get(0).extensions());
            Thread.sleep(options.warmup().toMillis());

            run.startMeasuring();
            long clientCpuStart = CpuClock.processCpuNanos();
            long serverCpuStart = server != null ? server.cpuNanos() : 0;
            long start = System.nanoTime();
            Thread.sleep(options.duration().toMillis());
            run.startDraining();
            long elapsed = System.nanoTime() - start;
            long clientCpu = CpuClock.processCpuNanos() - clientCpuStart;
            long serverCpu = server != null ? server.cpuNanos() - serverCpuStart : -1;
            long echoes = run.messages.sum();
            long bytes = run.payloadBytes.sum();
            Histogram latencies = run.latencies();

            long lost = drain(connections);
            closeAll(opened.sockets());
            long errors = run.mismatches.sum() + run.sendFailures.sum() + run.unexpectedCloses.sum()
                    + run.connectionErrors.sum() + lost + opened.failed();
            report(opened, elapsed, echoes, bytes, latencies, run, lost, errors, clientCpu, serverCpu);
            return errors;
        }
    }

    /** Waits for the echoes still in flight; returns how many never came. */
    private long drain(EchoConnection[] connections) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_NANOS;
        while (true) {
            long outstanding = 0;
            for (EchoConnection connection : connections) {
                outstanding += connection.outstanding();
            }
            if (outstanding == 0 || System.nanoTime() > deadline) {
                return outstanding;
            }
            Thread.sleep(10);
        }
    }

    private static void closeAll(List<WebSocket> sockets) throws InterruptedException {
        List<CompletableFuture<Void>> closing = new ArrayList<>(sockets.size());
        for (WebSocket socket : sockets) {
            closing.add(socket.close());
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            sockets.forEach(WebSocket::abort);
        }
    }

    private void report(Connector.Outcome opened, long elapsedNanos, long echoes, long bytes, Histogram latencies,
                        EchoRun run, long lost, long errors, long clientCpu, long serverCpu) {
        double seconds = elapsedNanos / 1e9;
        double perSecond = echoes / seconds;
        double megabytes = bytes / seconds / 1e6;
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf(Locale.ROOT, "echo %s: %d connections x %d in flight, %d B %s, compression %s, %.1f s measured after %d s warm-up%n",
                options.uri(), opened.sockets().size(), options.inFlight(), options.messageSize(),
                options.binary() ? "binary" : "text", options.compression() ? "on" : "off", seconds,
                options.warmup().toSeconds());
        out.printf(Locale.ROOT, "  throughput   %,.0f messages/s echoed, %.1f MB/s of payload each way%n", perSecond, megabytes);
        out.printf(Locale.ROOT, "  latency      p50 %s  p99 %s  p99.9 %s  max %s (send to echo, %d samples)%n",
                micros(latencies.getValueAtPercentile(50)), micros(latencies.getValueAtPercentile(99)),
                micros(latencies.getValueAtPercentile(99.9)), micros(latencies.getMaxValue()),
                latencies.getTotalCount());
        out.printf(Locale.ROOT, "  errors       %d (mismatched echoes %d, send failures %d, unexpected closes %d, "
                        + "connection errors %d, echoes lost %d, failed connects %d)%n",
                errors, run.mismatches.sum(), run.sendFailures.sum(), run.unexpectedCloses.sum(),
                run.connectionErrors.sum(), lost, opened.failed());
        run.mismatchSamples().forEach(sample -> out.println("    mismatch: " + sample));
        out.printf(Locale.ROOT, "  client CPU   %.2f s = %.0f%% of one core (%d cores)%n",
                clientCpu / 1e9, 100.0 * clientCpu / elapsedNanos, cores);
        if (serverCpu >= 0) {
            out.printf(Locale.ROOT, "  server CPU   %.2f s = %.0f%% of one core; %.1f µs of server CPU per echoed message%n",
                    serverCpu / 1e9, 100.0 * serverCpu / elapsedNanos, serverCpu / 1e3 / Math.max(echoes, 1));
        }
        out.printf(Locale.ROOT, "RESULT mode=echo url=%s connections=%d in_flight=%d size=%d type=%s compression=%s "
                        + "seconds=%.1f msgs_per_s=%.0f mb_per_s=%.2f p50_us=%.1f p99_us=%.1f p999_us=%.1f "
                        + "max_us=%.1f errors=%d client_cpu_pct=%.0f server_cpu_pct=%s%n",
                options.uri(), opened.sockets().size(), options.inFlight(), options.messageSize(),
                options.binary() ? "binary" : "text", options.compression() ? "on" : "off", seconds, perSecond,
                megabytes, latencies.getValueAtPercentile(50) / 1e3, latencies.getValueAtPercentile(99) / 1e3,
                latencies.getValueAtPercentile(99.9) / 1e3, latencies.getMaxValue() / 1e3, errors,
                100.0 * clientCpu / elapsedNanos,
                serverCpu >= 0 ? String.format(Locale.ROOT, "%.0f", 100.0 * serverCpu / elapsedNanos) : "n/a");
    }

    private static String micros(long nanos) {
        return String.format(Locale.ROOT, "%.0f µs", nanos / 1e3);
    }
}
