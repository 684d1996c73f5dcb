package dev.wsnio.benchmarks.load;

import dev.wsnio.client.ConnectOptions;
import dev.wsnio.client.WebSocketClient;
import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Opens many connections with a bounded number of attempts in progress (so that the server's
 * accept backlog is not flooded), spreading them over the source addresses given so that more
 * than one address's worth of ephemeral ports (about 28,000 on Linux) can be used.
 */
final class Connector {

    private final WebSocketClient client;
    private final URI uri;
    private final List<InetAddress> sources;
    private final int concurrency;

    /**
     * The outcome of opening.
     *
     * @param byNumber the open connection of each number, null where the attempt failed
     * @param failures the failed attempts, counted by cause
     * @param elapsedNanos the time all attempts took
     */
    record Outcome(WebSocket[] byNumber, Map<String, Integer> failures, long elapsedNanos) {
        /** The connections that opened. */
        List<WebSocket> sockets() {
            List<WebSocket> sockets = new ArrayList<>(byNumber.length);
            for (WebSocket socket : byNumber) {
                if (socket != null) {
                    sockets.add(socket);
                }
            }
            return sockets;
        }

        int failed() {
            return failures.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    Connector(WebSocketClient client, URI uri, List<InetAddress> sources, int concurrency) {
        this.client = client;
        this.uri = uri;
        this.sources = sources;
        this.concurrency = concurrency;
    }

    /**
     * Opens {@code count} connections and waits for every attempt to end.
     *
     * @param count how many
     * @param listeners the listener of connection number {@code i}
     * @return the connections that opened and the causes of the others' failures
     * @throws InterruptedException when interrupted while waiting
     */
    Outcome open(int count, IntFunction<WebSocketListener> listeners) throws InterruptedException {
        long start = System.nanoTime();
        Semaphore permits = new Semaphore(concurrency);
        WebSocket[] opened = new WebSocket[count];
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        for (int i = 0; i < count; i++) {
            permits.acquire();
            ConnectOptions.Builder options = ConnectOptions.builder(uri);
            if (!sources.isEmpty()) {
                options.localAddress(sources.get(i % sources.size()));
            }
            int index = i;
            client.connect(options.build(), listeners.apply(i)).whenComplete((socket, failure) -> {
                if (failure != null) {
                    failures.merge(rootCause(failure), 1, Integer::sum);
                } else {
                    opened[index] = socket;
                }
                permits.release();
            });
        }
        if (!permits.tryAcquire(concurrency, 60, TimeUnit.SECONDS)) {
            failures.merge("attempts still pending after 60 s", concurrency - permits.availablePermits(), Integer::sum);
        }
        return new Outcome(opened, new TreeMap<>(failures), System.nanoTime() - start);
    }

    private static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
