package dev.wsnio.examples.demo.inspector;

import java.util.function.LongSupplier;

/**
 * A token bucket: up to {@code burst} requests at once, then {@code perSecond} on average.
 * Thread-safe.
 */
final class RateLimit {

    private static final double NANOS_PER_SECOND = 1e9;

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoClock;
    private double tokens;
    private long lastNanos;

    /**
     * Creates a full bucket.
     *
     * @param perSecond the average rate allowed
     * @param burst the most requests allowed at once
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime})
     */
    RateLimit(double perSecond, int burst, LongSupplier nanoClock) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.lastNanos = nanoClock.getAsLong();
    }

    /**
     * Takes one token if there is one.
     *
     * @return whether the request may go ahead
     */
    synchronized boolean tryAcquire() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(burst, tokens + (now - lastNanos) / NANOS_PER_SECOND * perSecond);
        lastNanos = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
