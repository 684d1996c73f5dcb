package dev.wsnio.conformance.robustness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.conformance.cases.Payloads;
import dev.wsnio.testkit.wire.Frame;
import dev.wsnio.testkit.wire.RawClient;
import dev.wsnio.testkit.wire.Wire;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A connection that is gone holds no memory: 100 peers each send most of a 1 MiB message and
 * vanish; once the server has released them, their half-received messages must be garbage, not
 * kept alive for the rest of a timeout by a cancelled timer (the handshake deadline) that still
 * references the connection while an earlier live timer keeps it in the loop's queue.
 */
class ClosedConnectionMemoryTest {

    private static final int PEERS = 100;

    @Test
    void releasedConnectionsKeepNoMessageBuffers() throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (ProbedServer server = new ProbedServer(builder -> builder.maxMessageSize(2 << 20))) {
            // An idle client that has not sent its request yet: its handshake timer is live and
            // due before any of the others', as on a busy server there is always such a timer.
            Socket idle = RawClient.connect(server.port());
            System.gc();
            long before = memory.getHeapMemoryUsage().getUsed();
            List<Wire> peers = new ArrayList<>();
            try {
                byte[] almostAll = null;
                for (int i = 0; i < PEERS; i++) {
                    Wire wire = RawClient.upgrade(server.port(), "/echo", "");
                    peers.add(wire);
                    if (almostAll == null) {
                        byte[] frame = wire.encode(Frame.binary(Payloads.binary(1 << 20)));
                        almostAll = Payloads.slice(frame, 0, frame.length - 1);
                    }
                    wire.sendRaw(almostAll); // all but the last byte of a 1 MiB message
                }
                // A reset discards what the server has not read yet: give it time to read it all.
                Thread.sleep(500);
            } finally {
                for (Wire wire : peers) {
                    wire.socket().setSoLinger(true, 0);
                    wire.close();
                }
            }
            awaitOnlyTheIdleConnection(server);
            // Kept buffers would hold about 100 MiB after every collection; garbage from other
            // threads of this JVM may survive one: the least growth over a few collections counts.
            long grownMiB = Long.MAX_VALUE;
            for (int collection = 0; collection < 5 && grownMiB >= 32; collection++) {
                System.gc();
                grownMiB = Math.min(grownMiB, (memory.getHeapMemoryUsage().getUsed() - before) >> 20);
            }
            assertTrue(grownMiB < 32, "the heap still holds " + grownMiB + " MiB after " + PEERS
                    + " connections with 1 MiB half-received messages were released");
            idle.close();
            server.awaitReleased(Duration.ofSeconds(5));
        }
    }

    private static void awaitOnlyTheIdleConnection(ProbedServer server) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.server().tcpConnectionCount() != 1 || !server.server().connections().isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the peers' connections were not released");
            }
            Thread.sleep(5);
        }
    }
}
