package dev.wsnio.frame;

import java.util.Random;

/**
 * Runs a generated check with many seeds, each a {@link Random} of its own, and names the seed
 * that failed, so that a failure replays with {@code -Dwsnio.seed=<seed>} (only that seed runs).
 * The seeds are fixed: every run checks the same cases.
 */
final class SeededRuns {

    /** A check fed by one seed's generator. */
    @FunctionalInterface
    interface Check {
        /**
         * Runs the check.
         *
         * @param random the generator for this seed
         * @throws Exception when the check fails
         */
        void run(Random random) throws Exception;
    }

    private SeededRuns() {
    }

    /**
     * Runs the check for {@code count} seeds, or for the one seed given as the system property
     * {@code wsnio.seed}.
     *
     * @param count how many seeds
     * @param check the check
     */
    static void forSeeds(int count, Check check) {
        String replay = System.getProperty("wsnio.seed");
        if (replay != null) {
            run(Long.parseLong(replay), check);
            return;
        }
        for (int i = 0; i < count; i++) {
            run(0x5EED_0000L + i, check);
        }
    }

    private static void run(long seed, Check check) {
        try {
            check.run(new Random(seed));
        } catch (Exception | AssertionError e) {
            throw new AssertionError("failed for seed " + seed + " (replay: -Dwsnio.seed=" + seed + "): "
                    + e.getMessage(), e);
        }
    }
}
