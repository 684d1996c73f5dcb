package dev.wsnio.benchmarks.codec;

/**
 * One implementation's receive path, fed the same wire bytes as every other: each call is what
 * happens when one socket read delivers those bytes.
 */
public interface WireDecoder {

    /**
     * Copies the wire bytes into this implementation's read buffer (the copy a socket read
     * makes, identical for every implementation) and decodes all of it.
     *
     * @param wire complete frames, back to back
     * @return the number of payload bytes handed to the application
     */
    long receive(byte[] wire);
}
