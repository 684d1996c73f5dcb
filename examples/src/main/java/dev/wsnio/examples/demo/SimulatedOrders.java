package dev.wsnio.examples.demo;

import java.util.Random;

/**
 * A made-up business metric, "orders per minute": a noisy value that follows a slow wave
 * (one period a minute), so that the chart has something lively to show.
 */
final class SimulatedOrders {

    private static final double MEAN = 120;
    private static final double WAVE = 40;
    private static final double PERIOD_MILLIS = 60_000;
    private static final double PULL = 0.2;
    private static final double NOISE = 6;

    private final Random random;
    private double value = MEAN;

    /**
     * Creates the simulation.
     *
     * @param random the noise source (seeded in tests)
     */
    SimulatedOrders(Random random) {
        this.random = random;
    }

    /**
     * The next value: pulled toward the wave at {@code timeMillis}, plus noise; never negative.
     *
     * @param timeMillis the sample's time
     * @return orders per minute
     */
    double next(long timeMillis) {
        double target = MEAN + WAVE * Math.sin(2 * Math.PI * timeMillis / PERIOD_MILLIS);
        value += PULL * (target - value) + NOISE * random.nextGaussian();
        value = Math.max(0, value);
        return value;
    }
}
