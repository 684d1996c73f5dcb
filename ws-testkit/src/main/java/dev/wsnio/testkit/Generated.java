package dev.wsnio.testkit;

/**
 * Checks a property on generated inputs, one seed per try, and says on failure which seed
 * replays it.
 *
 * <pre>{@code
 * @Test
 * void maskingTwiceIsIdentity() {
 *     Generated.forAll(500, gen -> {
 *         byte[] bytes = gen.bytes(200);
 *         ...
 *     });
 * }
 * }</pre>
 *
 * <p>Runs repeat: try {@code i} of a property uses a seed derived from a fixed base seed and
 * {@code i}, so a build sees the same inputs every time. A failure is rethrown as an
 * {@link AssertionError} whose message names the seed of the failing try, with the failure as
 * its cause. Three system properties (passed on by Maven to the test JVM) change a run:
 *
 * <ul>
 *   <li>{@code -Dwsnio.seed=0x...} runs only the try with that seed: the replay of a failure;
 *   <li>{@code -Dwsnio.tries=N} runs every property N times instead of its own count;
 *   <li>{@code -Dwsnio.seeds=random} draws the base seeds at random, to explore new inputs
 *       (a failure still names its seed).
 * </ul>
 */
public final class Generated {

    /** The base seed of every property unless it names its own. */
    public static final long DEFAULT_BASE_SEED = 6455;

    /** Replays one try: {@code -Dwsnio.seed=0x1f2e...} (hex with 0x, or decimal). */
    public static final String SEED_PROPERTY = "wsnio.seed";
    /** Overrides the number of tries of every property. */
    public static final String TRIES_PROPERTY = "wsnio.tries";
    /** {@code random} draws the base seeds at random instead of using the fixed ones. */
    public static final String SEEDS_PROPERTY = "wsnio.seeds";

    private Generated() {
    }

    /**
     * A property: a check of one generated case, which fails by throwing.
     */
    @FunctionalInterface
    public interface Property {

        /**
         * Checks the property on the case drawn from {@code gen}.
         *
         * @param gen the source of this try's values
         * @throws Exception any failure of the check
         */
        void check(Gen gen) throws Exception;
    }

    /**
     * Checks the property on {@code tries} generated cases from the default base seed.
     *
     * @param tries how many cases
     * @param property the check
     */
    public static void forAll(int tries, Property property) {
        forAll(tries, DEFAULT_BASE_SEED, property);
    }

    /**
     * Checks the property on {@code tries} generated cases from the given base seed.
     *
     * @param tries how many cases
     * @param baseSeed the seed the tries' seeds are derived from
     * @param property the check
     */
    public static void forAll(int tries, long baseSeed, Property property) {
        String replay = System.getProperty(SEED_PROPERTY);
        if (replay != null && !replay.isBlank()) {
            run(property, parseSeed(replay.strip()), "the replayed try");
            return;
        }
        int count = Integer.getInteger(TRIES_PROPERTY, tries);
        long base = "random".equals(System.getProperty(SEEDS_PROPERTY)) ? System.nanoTime() : baseSeed;
        for (int i = 0; i < count; i++) {
            run(property, seedOfTry(base, i), "try " + (i + 1) + " of " + count);
        }
    }

    /**
     * The seed of try {@code i}: the base seed and the index mixed by SplitMix64's finaliser,
     * so that neighbouring tries get unrelated seeds.
     *
     * @param base the base seed
     * @param i the index of the try, from 0
     * @return the seed
     */
    static long seedOfTry(long base, int i) {
        long z = base + (i + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Reads a seed as printed ({@code 0x} and up to 16 hex digits, any bit pattern) or in decimal.
     *
     * @param text the seed
     * @return its value
     */
    static long parseSeed(String text) {
        return text.startsWith("0x") || text.startsWith("0X")
                ? Long.parseUnsignedLong(text.substring(2), 16)
                : Long.parseLong(text);
    }

    private static void run(Property property, long seed, String which) {
        try {
            property.check(new Gen(seed));
        } catch (Throwable failure) {
            if (failure instanceof VirtualMachineError error) {
                throw error;
            }
            String hex = "0x" + Long.toHexString(seed);
            throw new AssertionError(which + " failed with seed " + hex
                    + ": replay it with -D" + SEED_PROPERTY + "=" + hex
                    + " (with -Dtest=Class#method to run it alone); " + failure, failure);
        }
    }
}
