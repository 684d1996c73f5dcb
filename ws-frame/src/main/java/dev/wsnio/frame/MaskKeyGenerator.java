package dev.wsnio.frame;

import java.security.NoSuchAlgorithmException;
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

    /** 1,024 keys per refill: the refill's own allocation, divided by as many frames. */
    private static final int POOL_BYTES = 4096;

    private final SecureRandom random;
    private final byte[] pool = new byte[POOL_BYTES];
    private int next = POOL_BYTES;

    /**
     * Creates a generator backed by a new {@code DRBG} {@link SecureRandom} (NIST SP 800-90A,
     * seeded from the system's entropy source), or the platform's default one where DRBG is
     * missing. DRBG is preferred because the Linux default (NativePRNG) allocates about 1.5 KB
     * per refill.
     */
    public MaskKeyGenerator() {
        this(strongSource());
    }

    private static SecureRandom strongSource() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
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
