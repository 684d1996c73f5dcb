package dev.wsnio.conformance.suite;

import dev.wsnio.testkit.wire.Wire;

/** A case that needs one connection with a valid handshake, on either side. */
@FunctionalInterface
public interface WireScript {

    /**
     * Runs the case on an open connection (closed afterwards by the suite).
     *
     * @param wire our end of the connection
     * @throws Exception when the case fails
     */
    void run(Wire wire) throws Exception;
}
