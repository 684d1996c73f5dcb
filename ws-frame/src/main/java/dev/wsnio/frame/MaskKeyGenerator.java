package dev.wsnio.frame;

import java.security.SecureRandom;

/**
 * Masking keys for a client's frames, drawn from a strong source of randomness.
 *
 * <p>RFC 6455 §5.3 requires each frame's key to be freshly and unpredictably chosen, from "a
 * strong source of entropy", so that a script cannot predict the bytes that reach an
 * intermediary (§10.3). {@code ThreadLocalRandom} is predictable and therefore not suitable;
 * calling {@link SecureRandom} for every frame is correct but slow. This generator asks the
 * {@code SecureRandom} for a block of bytes at a time and hands out four at a time.
 *
 * <p>Not thread-safe: use one per event loop (or per thread).
 */
public final class MaskKeyGenerator {

    private static final int POOL_BYTES = 512;

    private final SecureRandom random;
    private final byte[] pool = new byte[POOL_BYTES];
    private int next = POOL_BYTES;

    /** Creates a generator backed by a new default {@link SecureRandom}. */
    public MaskKeyGenerator() {
        this(new SecureRandom());
    }

    /**
     * Creates a generator backed by the given source.
     *
     * @param random a strong source of randomness
     */
    public MaskKeyGenerator(SecureRandom random) {
        this.random = random;
    }

    /**
     * The next masking key, first octet in the most significant byte.
     *
     * @return four fresh random octets
     */
    public int nextKey() {
        if (next == POOL_BYTES) {
            random.nextBytes(pool);
            next = 0;
        }
        int key = (pool[next] & 0xFF) << 24 | (pool[next + 1] & 0xFF) << 16
                | (pool[next + 2] & 0xFF) << 8 | (pool[next + 3] & 0xFF);
        next += 4;
        return key;
    }
}
