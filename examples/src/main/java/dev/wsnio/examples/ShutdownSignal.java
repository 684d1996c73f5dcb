package dev.wsnio.examples;

import java.util.concurrent.CountDownLatch;

/**
 * Keeps a server command running until the process is asked to stop (Ctrl-C, SIGTERM), then
 * runs its graceful stop inside a shutdown hook, so that open WebSocket connections get a
 * close frame (1001, going away) instead of a reset.
 */
public final class ShutdownSignal {

    private ShutdownSignal() {
    }

    /**
     * Registers {@code stop} as a shutdown hook and blocks until it has run.
     *
     * @param stop what to do when the process stops, e.g. {@code server.stop(grace)}
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public static void awaitThen(Runnable stop) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stop.run();
            } finally {
                stopped.countDown();
            }
        }, "wsnio-examples-shutdown"));
        stopped.await();
    }
}
