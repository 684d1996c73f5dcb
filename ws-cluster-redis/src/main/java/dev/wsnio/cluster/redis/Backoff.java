package dev.wsnio.cluster.redis;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays between reconnection attempts: doubling from {@code first} up to {@code max}, each
 * drawn at random from its upper half ("equal jitter"), so that the servers of a fleet that lost
 * the same Redis do not all knock at once when it comes back.
 */
record Backoff(Duration first, Duration max) {

    Backoff {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("reconnect delays need 0 < first <= max");
        }
    }

    /**
     * The delay before an attempt.
     *
     * @param failures attempts failed in a row so far, 1 or more
     * @return the delay in milliseconds
     */
    long delayMillis(int failures) {
        long ceiling = first.toMillis() << Math.min(failures - 1, 20);
        long capped = Math.max(1, Math.min(ceiling, max.toMillis()));
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }
}
