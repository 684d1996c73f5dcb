package dev.wsnio.client;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Turns host names into addresses without blocking an event loop: the JDK's resolver blocks
 * (it may wait seconds for DNS), so names are looked up on a small, bounded pool of daemon
 * threads that exist only while lookups are running. IP literals need no lookup and are
 * answered at once, on the caller's thread.
 */
final class HostResolver {

    private final ThreadPoolExecutor lookups;

    /**
     * @param threads the most lookups running at once; more wait in line
     */
    HostResolver(int threads) {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "wsnio-client-dns-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        lookups = new ThreadPoolExecutor(threads, threads, 10, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factory);
        lookups.allowCoreThreadTimeOut(true);
    }

    /**
     * The addresses of a host, in the order the system prefers them.
     *
     * @param host a host name, an IPv4 literal or a bracketed IPv6 literal
     * @return completes with at least one address, or exceptionally with
     *     {@link UnknownHostException}
     */
    CompletableFuture<List<InetAddress>> resolve(String host) {
        if (isIpLiteral(host)) {
            try {
                // For a literal, getByName only parses the text: no lookup happens.
                return CompletableFuture.completedFuture(List.of(InetAddress.getByName(host)));
            } catch (UnknownHostException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        CompletableFuture<List<InetAddress>> result = new CompletableFuture<>();
        try {
            lookups.execute(() -> {
                try {
                    result.complete(List.of(InetAddress.getAllByName(host)));
                } catch (UnknownHostException | RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /** Stops the lookup threads; lookups still waiting are dropped. */
    void shutdown() {
        lookups.shutdownNow();
    }

    /**
     * Whether a URI host is an IP literal: a bracketed IPv6 address (RFC 3986 §3.2.2) or four
     * decimal octets. Anything else is a name to look up.
     *
     * @param host the host as in a URI
     * @return true for a literal
     */
    static boolean isIpLiteral(String host) {
        if (host.startsWith("[") && host.endsWith("]")) {
            return true;
        }
        String[] octets = host.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String octet : octets) {
            if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }
}
