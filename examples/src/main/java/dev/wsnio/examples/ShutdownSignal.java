package dev.wsnio.examples;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Keeps a server command running until the process is asked to stop (Ctrl-C, SIGTERM), then
 * runs its graceful stop inside a shutdown hook, so that open WebSocket connections get a
 * close frame (1001, going away) instead of a reset; or until the server stops by itself after
 * a failure (an {@code OutOfMemoryError} on one of its threads), so that the command can exit
 * with a failure status instead of leaving a deaf process behind.
 */
public final class ShutdownSignal {

    private ShutdownSignal() {
    }

    /**
     * Registers {@code stop} as a shutdown hook and blocks until it has run, or until the server
     * stopped by itself.
     *
     * @param stoppedByItself the server's {@code stopped()} future: completes exceptionally when a
     *     failure stopped the server
     * @param stop what to do when the process stops, e.g. {@code server.stop(grace)}
     * @return null once {@code stop} has run, or the failure that stopped the server
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public static Throwable awaitThen(CompletableFuture<?> stoppedByItself, Runnable stop)
            throws InterruptedException {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stop.run();
            } finally {
                outcome.complete(null);
            }
        }, "wsnio-examples-shutdown"));
        stoppedByItself.whenComplete((stopped, failure) -> {
            if (failure != null) {
                outcome.complete(failure instanceof CompletionException ? failure.getCause() : failure);
            }
        });
        try {
            return outcome.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
