package dev.wsnio.examples;

/**
 * The command line is wrong: an unknown option, a missing or malformed value, a missing
 * argument. The program prints the message and exits with status 2.
 */
public final class UsageException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, for the user
     */
    public UsageException(String message) {
        super(message);
    }
}
