package dev.wsnio.benchmarks.load;

import dev.wsnio.client.WebSocketClient;
import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * The idle run: measure the server's memory, open the connections and send nothing, let them
 * settle, measure again, and report what each idle connection costs the server: resident memory
 * (heap and native, as the operating system sees it) and, for a Java server, live heap.
 * Both readings come right after a full collection when {@code jcmd} can run one, so that
 * garbage does not count.
 */
final class IdleLoad {

    private final LoadOptions options;
    private final PrintStream out;

    IdleLoad(LoadOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** A reading of the server's memory. */
    private record Memory(long residentBytes, OptionalLong liveHeapBytes) {
    }

    /**
     * Runs the idle measurement.
     *
     * @return the number of errors (failed connects, connections closed while held)
     * @throws InterruptedException when interrupted
     * @throws IOException when the server process cannot be read
     */
    long run() throws InterruptedException, IOException {
        ServerProcess server = options.serverPid().isPresent() ? new ServerProcess(options.serverPid().getAsLong()) : null;
        boolean histogram = server != null && options.heapHistogram() && server.isJava();
        Memory before = server != null ? read(server, histogram) : null;
        LongAdder closedWhileHeld = new LongAdder();
        WebSocketListener idle = new WebSocketListener() {
            @Override
            public void onClose(WebSocket socket, int code, String reason) {
                closedWhileHeld.increment();
            }
        };
        try (WebSocketClient client = LoadClient.build(options)) {
            Connector.Outcome opened = new Connector(client, options.uri(), options.sources(),
                    options.connectConcurrency()).open(options.connections(), i -> idle);
            int connected = opened.sockets().size();
            out.printf(Locale.ROOT, "connected %d of %d in %.2f s (%.0f connections/s) from %s%s%n", connected,
                    options.connections(), opened.elapsedNanos() / 1e9, connected / (opened.elapsedNanos() / 1e9),
                    options.sources().isEmpty() ? "the default source address" : options.sources().size() + " source addresses",
                    opened.failures().isEmpty() ? "" : "; failures: " + opened.failures());
            Thread.sleep(options.settle().toMillis());
            Memory after = server != null ? read(server, histogram) : null;
            long dropped = closedWhileHeld.sum();
            if (server != null) {
                report(before, after, connected, server.pid());
            }
            Thread.sleep(options.hold().toMillis());
            long errors = opened.failed() + dropped;
            out.printf(Locale.ROOT, "  errors       %d (failed connects %d, closed while held %d)%n",
                    errors, opened.failed(), dropped);
            closeAll(opened.sockets());
            return errors;
        }
    }

    private static Memory read(ServerProcess server, boolean histogram) throws IOException {
        OptionalLong live = histogram ? server.liveHeapBytes() : OptionalLong.empty();
        return new Memory(server.residentBytes(), live); // RSS after the collection jcmd ran
    }

    private void report(Memory before, Memory after, int connected, long pid) {
        long rss = after.residentBytes() - before.residentBytes();
        out.printf(Locale.ROOT, "idle %s: %d connections held, server pid %d%n", options.uri(), connected, pid);
        out.printf(Locale.ROOT, "  resident     %,d -> %,d bytes: %,.0f bytes per connection%n",
                before.residentBytes(), after.residentBytes(), (double) rss / Math.max(connected, 1));
        String heapPerConnection = "n/a";
        if (before.liveHeapBytes().isPresent() && after.liveHeapBytes().isPresent()) {
            long heap = after.liveHeapBytes().getAsLong() - before.liveHeapBytes().getAsLong();
            heapPerConnection = String.format(Locale.ROOT, "%.0f", (double) heap / Math.max(connected, 1));
            out.printf(Locale.ROOT, "  live heap    %,d -> %,d bytes: %s bytes per connection (jcmd GC.class_histogram)%n",
                    before.liveHeapBytes().getAsLong(), after.liveHeapBytes().getAsLong(), heapPerConnection);
        }
        out.printf(Locale.ROOT, "RESULT mode=idle url=%s connections=%d rss_before=%d rss_after=%d "
                        + "rss_per_connection=%.0f heap_per_connection=%s%n",
                options.uri(), connected, before.residentBytes(), after.residentBytes(),
                (double) rss / Math.max(connected, 1), heapPerConnection);
    }

    private static void closeAll(List<WebSocket> sockets) throws InterruptedException {
        List<CompletableFuture<Void>> closing = new ArrayList<>(sockets.size());
        for (WebSocket socket : sockets) {
            closing.add(socket.close());
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            sockets.forEach(WebSocket::abort);
        }
    }
}
