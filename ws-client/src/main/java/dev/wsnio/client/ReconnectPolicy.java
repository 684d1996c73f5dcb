package dev.wsnio.client;

import dev.wsnio.frame.CloseCode;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * When and how often a {@link ReconnectingWebSocket} reconnects. Immutable.
 *
 * <p><b>Delays.</b> The first reconnect after a disconnection waits a uniformly random time in
 * {@code [0, firstDelayMax]}: RFC 6455 §7.2.3 asks clients to spread their reconnects, so that
 * thousands of clients dropped by one server restart do not all come back in the same
 * millisecond. Each further attempt waits {@code baseDelay × multiplier^(attempt − 2)}, capped at
 * {@code maxDelay}, shortened by a random jitter of up to {@code jitter} of itself (so attempt 2
 * waits about {@code baseDelay}, attempt 3 twice that, and so on). With a jitter below
 * {@code 1 − 1/multiplier} the delays strictly grow until they reach the cap. The count starts
 * again once a connection opens.
 *
 * <p><b>What is retried.</b> By default ({@link #isRetryableByDefault}): lost connections and
 * dead peers (1006), servers going away or restarting (1001, 1011, 1012, 1013, 1014), failed
 * attempts that may succeed later (DNS failure, refused connection, connect or handshake
 * timeout, network error, a 5xx, 408 or 429 answer, a 5xx from the proxy). Not retried: the
 * application's own close (never, whatever the policy), answers that will not change by asking
 * again (401, 403, 404 and other 4xx, redirects not followed, invalid handshakes, a 407 from the
 * proxy), TLS failures (an untrusted certificate or a wrong host name), protocol errors (1002,
 * 1003, 1007–1010), application close codes (3000–4999), and a normal close by the server (1000,
 * or 1005 without a code): the server ended the conversation on purpose, so reconnecting at once
 * would mostly defeat it; {@link Builder#reconnectAfterNormalClosure(boolean)} changes that for
 * servers that close normally when they mean "come back later".
 */
public final class ReconnectPolicy {

    private final Duration firstDelayMax;
    private final Duration baseDelay;
    private final double multiplier;
    private final Duration maxDelay;
    private final double jitter;
    private final int maxAttempts;
    private final boolean reconnectAfterNormalClosure;
    private final Predicate<Disconnection> retryable;

    private ReconnectPolicy(Builder builder) {
        this.firstDelayMax = builder.firstDelayMax;
        this.baseDelay = builder.baseDelay;
        this.multiplier = builder.multiplier;
        this.maxDelay = builder.maxDelay;
        this.jitter = builder.jitter;
        this.maxAttempts = builder.maxAttempts;
        this.reconnectAfterNormalClosure = builder.reconnectAfterNormalClosure;
        this.retryable = builder.retryable;
    }

    /**
     * The default policy: first delay up to 1 s, then 1 s doubling up to 30 s, jitter 25%,
     * unlimited attempts, the default judgement of what is retryable.
     *
     * @return the default policy
     */
    public static ReconnectPolicy defaults() {
        return builder().build();
    }

    /**
     * Starts a policy from the defaults.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * How long to wait before an attempt.
     *
     * @param attempt 1 for the first reconnect after a disconnection, 2 for the next, …
     * @param random the source of randomness
     * @return the delay, never more than {@code max(firstDelayMax, maxDelay)}
     * @throws IllegalArgumentException when {@code attempt} is below 1
     */
    public Duration delay(int attempt, RandomGenerator random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1");
        }
        if (attempt == 1) {
            // RFC 6455 §7.2.3: a random first delay spreads the reconnects of many clients.
            return Duration.ofNanos((long) (random.nextDouble() * firstDelayMax.toNanos()));
        }
        double grown = baseDelay.toNanos() * Math.pow(multiplier, attempt - 2);
        double capped = Math.min(grown, maxDelay.toNanos());
        return Duration.ofNanos((long) (capped * (1 - jitter * random.nextDouble())));
    }

    /**
     * Whether another attempt may start.
     *
     * @param attempt the number the attempt would have (1 for the first reconnect)
     * @return false once {@code maxAttempts} reconnects were made in a row without success
     */
    public boolean allowsAttempt(int attempt) {
        return maxAttempts == 0 || attempt <= maxAttempts;
    }

    /**
     * Whether to reconnect after this disconnection (the application's own closes never reach
     * the policy).
     *
     * @param why the disconnection
     * @return true to reconnect
     */
    public boolean shouldReconnect(Disconnection why) {
        if (retryable != null) {
            return retryable.test(why);
        }
        boolean normal = why.error() == null
                && (why.closeCode() == CloseCode.NORMAL_CLOSURE || why.closeCode() == CloseCode.NO_STATUS_RECEIVED);
        return normal ? reconnectAfterNormalClosure : isRetryableByDefault(why);
    }

    /**
     * The default judgement, described in the class comment: true for failures that trying
     * again may fix. A normal close (1000, 1005) counts as not retryable here.
     *
     * @param why the disconnection
     * @return whether it is worth reconnecting
     */
    public static boolean isRetryableByDefault(Disconnection why) {
        if (why.error() instanceof WebSocketConnectException failure) {
            return isRetryable(failure);
        }
        return switch (why.closeCode()) {
            case CloseCode.GOING_AWAY, CloseCode.ABNORMAL_CLOSURE, CloseCode.INTERNAL_ERROR,
                 CloseCode.SERVICE_RESTART, CloseCode.TRY_AGAIN_LATER, CloseCode.BAD_GATEWAY -> true;
            default -> false;
        };
    }

    private static boolean isRetryable(WebSocketConnectException failure) {
        int status = failure instanceof HandshakeResponseException response ? response.status() : 0;
        return switch (failure.reason()) {
            case DNS_FAILURE, CONNECTION_REFUSED, CONNECT_TIMEOUT, CONNECTION_FAILED, HANDSHAKE_TIMEOUT -> true;
            case UNEXPECTED_STATUS -> status >= 500 || status == 408 || status == 429;
            case PROXY_REFUSED -> status >= 500;
            case TLS_FAILURE, PROXY_AUTHENTICATION_REQUIRED, REDIRECT, INVALID_RESPONSE, INVALID_ACCEPT,
                 UNEXPECTED_SUBPROTOCOL, UNEXPECTED_EXTENSION, CANCELLED -> false;
        };
    }

    /**
     * The policy's settings, for logs.
     *
     * @return a description
     */
    @Override
    public String toString() {
        return "ReconnectPolicy[first ≤ " + firstDelayMax.toMillis() + " ms, then " + baseDelay.toMillis() + " ms × "
                + multiplier + "^n ≤ " + maxDelay.toMillis() + " ms, jitter " + jitter + ", attempts "
                + (maxAttempts == 0 ? "unlimited" : maxAttempts) + "]";
    }

    /** Configures a {@link ReconnectPolicy}; not thread-safe. */
    public static final class Builder {
        private Duration firstDelayMax = Duration.ofSeconds(1);
        private Duration baseDelay = Duration.ofSeconds(1);
        private double multiplier = 2;
        private Duration maxDelay = Duration.ofSeconds(30);
        private double jitter = 0.25;
        private int maxAttempts;
        private boolean reconnectAfterNormalClosure;
        private Predicate<Disconnection> retryable;

        private Builder() {
        }

        /**
         * The upper bound of the random first delay (default 1 s; RFC 6455 §7.2.3 gives 0–5 s
         * as an example).
         *
         * @param max zero or more
         * @return this builder
         */
        public Builder firstDelayMax(Duration max) {
            this.firstDelayMax = requireNotNegative(max, "firstDelayMax");
            return this;
        }

        /**
         * The delay before the second attempt, from which the backoff grows (default 1 s).
         *
         * @param delay more than zero
         * @return this builder
         */
        public Builder baseDelay(Duration delay) {
            if (requireNotNegative(delay, "baseDelay").isZero()) {
                throw new IllegalArgumentException("baseDelay must be positive");
            }
            this.baseDelay = delay;
            return this;
        }

        /**
         * The factor each further delay grows by (default 2).
         *
         * @param factor at least 1
         * @return this builder
         */
        public Builder multiplier(double factor) {
            if (!(factor >= 1) || Double.isInfinite(factor)) {
                throw new IllegalArgumentException("multiplier must be a finite number ≥ 1");
            }
            this.multiplier = factor;
            return this;
        }

        /**
         * The longest delay between attempts (default 30 s).
         *
         * @param max more than zero
         * @return this builder
         */
        public Builder maxDelay(Duration max) {
            if (requireNotNegative(max, "maxDelay").isZero()) {
                throw new IllegalArgumentException("maxDelay must be positive");
            }
            this.maxDelay = max;
            return this;
        }

        /**
         * How much of each backoff delay may be randomly cut (default 0.25: a delay of 4 s
         * becomes 3–4 s), so clients that failed together drift apart.
         *
         * @param fraction in {@code [0, 1)}
         * @return this builder
         */
        public Builder jitter(double fraction) {
            if (!(fraction >= 0 && fraction < 1)) {
                throw new IllegalArgumentException("jitter must be in [0, 1)");
            }
            this.jitter = fraction;
            return this;
        }

        /**
         * Gives up after this many reconnects in a row without an open connection (default 0:
         * never gives up).
         *
         * @param attempts 0 for unlimited, or the limit
         * @return this builder
         */
        public Builder maxAttempts(int attempts) {
            if (attempts < 0) {
                throw new IllegalArgumentException("maxAttempts must not be negative");
            }
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * Whether a normal close by the server (1000, or 1005 without a code) is followed by a
         * reconnect (default false).
         *
         * @param reconnect true to reconnect
         * @return this builder
         */
        public Builder reconnectAfterNormalClosure(boolean reconnect) {
            this.reconnectAfterNormalClosure = reconnect;
            return this;
        }

        /**
         * Replaces the judgement of what is worth retrying (the application's own closes are
         * still never retried). To extend the default, start from
         * {@link ReconnectPolicy#isRetryableByDefault}, e.g. to retry 401s after refreshing a
         * token: {@code why -> isRetryableByDefault(why) || status(why) == 401}.
         *
         * @param predicate true for the disconnections to reconnect after
         * @return this builder
         */
        public Builder retryWhen(Predicate<Disconnection> predicate) {
            this.retryable = Objects.requireNonNull(predicate);
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy
         */
        public ReconnectPolicy build() {
            return new ReconnectPolicy(this);
        }

        private static Duration requireNotNegative(Duration duration, String name) {
            if (duration.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative");
            }
            return duration;
        }
    }
}
