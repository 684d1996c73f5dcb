package dev.wsnio.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The source of generated values for one try of a property (see {@link Generated}): every value
 * comes from one seed, so that the seed alone replays the whole try.
 *
 * <p>Values lean toward the edges where bugs live: a number drawn from a range is one of its two
 * ends about one time in eight, and a length is zero or the maximum about one time in ten, as
 * property-testing tools do with their "edge cases".
 */
public final class Gen {

    /** One draw in this many picks an end of a range instead of a uniform value. */
    private static final int EDGE_ONE_IN = 8;

    private final SplittableRandom random;
    private final long seed;

    /**
     * A source whose every value follows from the seed.
     *
     * @param seed the seed of this try
     */
    public Gen(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    /**
     * The seed this source started from.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * A boolean, true half the time.
     *
     * @return the boolean
     */
    public boolean bool() {
        return random.nextBoolean();
    }

    /**
     * Any int, the edges ({@code MIN_VALUE}, {@code -1}, {@code 0}, {@code 1}, {@code MAX_VALUE})
     * more often than uniform.
     *
     * @return the int
     */
    public int anyInt() {
        if (random.nextInt(EDGE_ONE_IN) == 0) {
            return pick(Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE);
        }
        return random.nextInt();
    }

    /**
     * Any long, the edges more often than uniform.
     *
     * @return the long
     */
    public long anyLong() {
        if (random.nextInt(EDGE_ONE_IN) == 0) {
            return pick(Long.MIN_VALUE, -1L, 0L, 1L, Long.MAX_VALUE);
        }
        return random.nextLong();
    }

    /**
     * An int in {@code [min, max]}, either end more often than uniform.
     *
     * @param min the smallest value
     * @param max the largest value
     * @return the int
     */
    public int between(int min, int max) {
        if (min > max) {
            throw new IllegalArgumentException(min + " > " + max);
        }
        if (random.nextInt(EDGE_ONE_IN) == 0) {
            return random.nextBoolean() ? min : max;
        }
        return (int) (min + random.nextLong((long) max - min + 1));
    }

    /**
     * The index of a choice made with the given weights: {@code weighted(4, 1)} is 0 four times
     * out of five. Meant for a {@code switch} over the alternatives.
     *
     * @param weights the weight of each alternative, each at least 1
     * @return the index of the chosen alternative
     */
    public int weighted(int... weights) {
        int total = 0;
        for (int weight : weights) {
            if (weight < 1) {
                throw new IllegalArgumentException("weights are positive: " + weight);
            }
            total += weight;
        }
        int draw = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return i;
            }
        }
        throw new AssertionError("unreachable");
    }

    /**
     * One of the values, each as likely.
     *
     * @param values the candidates, at least one
     * @param <T> their type
     * @return the chosen value
     */
    @SafeVarargs
    public final <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }

    /**
     * One of the ints, each as likely.
     *
     * @param values the candidates, at least one
     * @return the chosen value
     */
    public int pickInt(int... values) {
        return values[random.nextInt(values.length)];
    }

    /**
     * A length in {@code [min, max]}: the minimum or the maximum more often than uniform.
     *
     * @param min the shortest
     * @param max the longest
     * @return the length
     */
    public int length(int min, int max) {
        return between(min, max);
    }

    /**
     * Random bytes of a length in {@code [0, maxLength]}.
     *
     * @param maxLength the longest
     * @return the bytes
     */
    public byte[] bytes(int maxLength) {
        return bytes(0, maxLength);
    }

    /**
     * Random bytes of a length in {@code [minLength, maxLength]}, every value as likely.
     *
     * @param minLength the shortest
     * @param maxLength the longest
     * @return the bytes
     */
    public byte[] bytes(int minLength, int maxLength) {
        byte[] bytes = new byte[length(minLength, maxLength)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }

    /**
     * Bytes each in {@code [min, max]} (as unsigned values), of a length in
     * {@code [minLength, maxLength]}.
     *
     * @param min the smallest byte value, 0 to 255
     * @param max the largest byte value, 0 to 255
     * @param minLength the shortest
     * @param maxLength the longest
     * @return the bytes
     */
    public byte[] bytesBetween(int min, int max, int minLength, int maxLength) {
        byte[] bytes = new byte[length(minLength, maxLength)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) between(min, max);
        }
        return bytes;
    }

    /**
     * A list of generated elements, of a size in {@code [minSize, maxSize]}.
     *
     * @param minSize the fewest elements
     * @param maxSize the most elements
     * @param element makes one element (usually by drawing from this source)
     * @param <T> the element type
     * @return the list
     */
    public <T> List<T> list(int minSize, int maxSize, Supplier<T> element) {
        int size = length(minSize, maxSize);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(element.get());
        }
        return list;
    }

    /**
     * A list of ints each in {@code [min, max]}, of a size in {@code [0, maxSize]}: cut points,
     * chunk sizes.
     *
     * @param maxSize the most elements
     * @param min the smallest element
     * @param max the largest element
     * @return the list
     */
    public List<Integer> ints(int maxSize, int min, int max) {
        return list(0, maxSize, () -> between(min, max));
    }

    /**
     * A string of characters taken from {@code alphabet}, of a length in
     * {@code [minLength, maxLength]}.
     *
     * @param alphabet the characters to use
     * @param minLength the shortest
     * @param maxLength the longest
     * @return the string
     */
    public String string(String alphabet, int minLength, int maxLength) {
        int length = length(minLength, maxLength);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /**
     * Any Java string of at most {@code maxLength} chars: ASCII (control characters included),
     * Latin-1, the rest of the Basic Multilingual Plane, surrogate pairs (emoji and beyond) and,
     * now and then, a lone surrogate, which is a valid {@code String} but not valid UTF-16 text.
     *
     * @param maxLength the most chars
     * @return the string
     */
    public String anyString(int maxLength) {
        int length = length(0, maxLength);
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            switch (weighted(6, 2, 3, 2, 1)) {
                case 0 -> text.append((char) random.nextInt(0x80));
                case 1 -> text.append((char) (0x80 + random.nextInt(0x780)));
                case 2 -> text.append(bmpNonSurrogate());
                case 3 -> {
                    if (text.length() + 2 <= length) {
                        text.appendCodePoint(0x10000 + random.nextInt(0x100000));
                    }
                }
                default -> text.append((char) (0xD800 + random.nextInt(0x800)));
            }
        }
        return text.toString();
    }

    private char bmpNonSurrogate() {
        char c;
        do {
            c = (char) random.nextInt(0x10000);
        } while (Character.isSurrogate(c));
        return c;
    }
}
