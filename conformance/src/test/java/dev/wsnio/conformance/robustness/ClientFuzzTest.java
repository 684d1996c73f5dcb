package dev.wsnio.conformance.robustness;

import dev.wsnio.conformance.testee.Behaviour;
import dev.wsnio.conformance.testee.ClientTestee;
import dev.wsnio.testkit.Generated;
import dev.wsnio.testkit.wire.Frame;
import dev.wsnio.testkit.wire.Wire;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing our client: a server that sends random bytes after a valid handshake. The client
 * answers only with well-formed masked frames, closes, reports {@code onClose} once per
 * connection, and keeps working for the next connection. Seeds are fixed so that runs repeat; a
 * failure names the seed that replays it.
 */
class ClientFuzzTest {

    private ClientTestee client;

    @BeforeEach
    void start() {
        client = new ClientTestee();
    }

    @AfterEach
    void stop() {
        try {
            client.awaitAllReleased();
        } finally {
            client.close();
        }
    }

    @Test
    void randomBytesFromTheServerNeverHurtTheClient() {
        Generated.forAll(200, 1455, gen -> sendJunkToTheClient(gen.bytes(3000), gen.between(1, 700)));
    }

    private void sendJunkToTheClient(byte[] junk, int chunk) throws IOException {
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
