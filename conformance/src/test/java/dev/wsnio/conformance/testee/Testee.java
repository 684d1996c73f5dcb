package dev.wsnio.conformance.testee;

import dev.wsnio.testkit.wire.Side;
import dev.wsnio.testkit.wire.Wire;
import java.io.IOException;

/** One of our endpoints under test, with the means to open fresh connections to it. */
public interface Testee extends AutoCloseable {

    /** Which endpoint this is. */
    Side side();

    /**
     * Opens a new connection with a valid opening handshake.
     *
     * @param behaviour what the endpoint's application does on it
     * @return our end of the connection
     * @throws IOException when the connection or its handshake fails
     */
    Wire open(Behaviour behaviour) throws IOException;

    /**
     * Opens a new echo connection.
     *
     * @return our end of the connection
     * @throws IOException when the connection or its handshake fails
     */
    default Wire open() throws IOException {
        return open(Behaviour.ECHO);
    }

    /**
     * Waits until the endpoint has released every connection the suite opened: TCP closed,
     * the application told, nothing registered.
     *
     * @throws AssertionError when something is still held after a few seconds
     */
    void awaitAllReleased();

    /** Stops the endpoint. */
    @Override
    void close();
}
