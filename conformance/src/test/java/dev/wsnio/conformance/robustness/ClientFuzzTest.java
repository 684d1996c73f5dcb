package dev.wsnio.conformance.robustness;

import dev.wsnio.conformance.testee.Behaviour;
import dev.wsnio.conformance.testee.ClientTestee;
import dev.wsnio.conformance.wire.Frame;
import dev.wsnio.conformance.wire.Wire;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Fuzzing our client: a server that sends random bytes after a valid handshake. The client
 * answers only with well-formed masked frames, closes, reports {@code onClose} once per
 * connection, and keeps working for the next connection. Seeds are fixed so that runs repeat.
 */
class ClientFuzzTest {

    private ClientTestee client;

    @BeforeProperty
    void start() {
        client = new ClientTestee();
    }

    @AfterProperty
    void stop() {
        try {
            client.awaitAllReleased();
        } finally {
            client.close();
        }
    }

    @Property(tries = 200, seed = "1455")
    void randomBytesFromTheServerNeverHurtTheClient(@ForAll @Size(max = 3000) byte[] junk,
                                                    @ForAll @IntRange(min = 1, max = 700) int chunk)
            throws IOException {
        try (Wire wire = client.open(Behaviour.ECHO)) {
            try {
                wire.sendInChunks(junk, chunk);
                wire.shutdownOutput();
            } catch (IOException closedEarly) {
                // the client failed the connection before everything was written: allowed
            }
            while (true) {
                Frame frame;
                try {
                    frame = wire.readFrame(); // checks the masking and the length form
                } catch (EOFException | SocketException end) {
                    break;
                }
                if (frame.rsv() != 0 || frame.opcode() > 2 && frame.opcode() < 8 || frame.opcode() > 10) {
                    throw new AssertionError("the client sent an invalid frame: " + frame);
                }
            }
        }
        client.awaitAllReleased();
        try (Wire wire = client.open(Behaviour.ECHO)) {
            wire.send(Frame.text("still fine?"));
            wire.expectText("still fine?");
            wire.closeCleanly(1000, "");
        }
    }
}
