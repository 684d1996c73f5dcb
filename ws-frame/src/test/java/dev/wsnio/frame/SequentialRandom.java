package dev.wsnio.frame;

import java.security.SecureRandom;

/**
 * A stand-in for a strong random source whose bytes simply count up (00 01 02 ...), so that the
 * masking keys drawn from it are predictable and distinct, and how often it was asked is known.
 */
final class SequentialRandom extends SecureRandom {

    private static final long serialVersionUID = 1L;

    private int nextByte;
    /** How many times {@link #nextBytes} was called. */
    int requests;

    @Override
    public void nextBytes(byte[] bytes) {
        requests++;
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) nextByte++;
        }
    }
}
