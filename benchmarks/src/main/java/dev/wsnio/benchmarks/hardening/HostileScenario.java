package dev.wsnio.benchmarks.hardening;

import java.io.IOException;

/**
 * One way a peer can try to make a server hold memory or connections, run by
 * {@link HostilePeers}: started, measured while in full swing, finished, closed.
 */
interface HostileScenario extends AutoCloseable {

    /**
     * The scenario's name on the command line and in results.
     *
     * @return e.g. {@code pipelining}
     */
    String name();

    /**
     * Starts the attack and returns once it is in full swing: the moment to measure the server.
     *
     * @param port the server's port on 127.0.0.1
     * @throws IOException when the peers cannot connect
     * @throws InterruptedException when interrupted
     */
    void start(int port) throws IOException, InterruptedException;

    /**
     * Goes on after the measurement as far as the scenario needs, and says what the peers saw.
     *
     * @return {@code key=value} pairs for the result line, space-separated
     * @throws InterruptedException when interrupted
     */
    String finish() throws InterruptedException;

    /** Drops every peer connection. */
    @Override
    void close();
}
