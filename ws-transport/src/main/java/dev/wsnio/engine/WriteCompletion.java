package dev.wsnio.engine;

/**
 * Told when the bytes of one write have all been handed to the socket, or when they never
 * will be because the connection closed first.
 */
public interface WriteCompletion {

    /** The bytes were written. */
    void written();

    /**
     * The bytes will not be written.
     *
     * @param cause why (the connection closed, or failed)
     */
    void failed(Throwable cause);
}
