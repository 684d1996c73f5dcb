package dev.wsnio.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition on the outside world (a child server answering, Redis's subscriptions,
 * a link's state) that no callback announces. The deadline only guards against a hang; nothing
 * is timed.
 */
public final class Eventually {

    /** How long a condition may take before the wait fails. */
    public static final Duration DEADLINE = Duration.ofSeconds(30);

    private Eventually() {
    }

    /**
     * Checks the condition every 20 ms until it holds.
     *
     * @param what the condition, for the failure's message
     * @param condition checked on the calling thread; may throw to end the wait early
     * @throws AssertionError when it does not hold within {@link #DEADLINE}
     */
    public static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + DEADLINE.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
