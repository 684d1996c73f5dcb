package dev.wsnio.cluster.redis;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition on the outside world (Redis's subscriptions, a link's state) that no
 * callback announces. The deadline only guards against a hang; nothing is timed.
 */
final class Eventually {

    static final Duration DEADLINE = Duration.ofSeconds(30);

    private Eventually() {
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + DEADLINE.toSeconds() + " s: " + what);
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
