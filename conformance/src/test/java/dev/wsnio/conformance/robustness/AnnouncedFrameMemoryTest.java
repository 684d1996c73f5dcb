package dev.wsnio.conformance.robustness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.testkit.wire.RawClient;
import dev.wsnio.testkit.wire.Wire;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 6455 §10.4 (implementation limits): a peer that announces a large frame and sends a byte
 * of it must not make the server reserve the whole frame. With the default limits (1 MiB
 * messages), 300 connections that each send a header announcing 1 MiB and one byte of payload
 * (15 bytes each) would otherwise pin 300 MiB of heap: memory must grow with the bytes that
 * arrived, not with the bytes announced.
 */
class AnnouncedFrameMemoryTest {

    private static final int CONNECTIONS = 300;

    @Test
    void announcingLargeFramesDoesNotReserveTheirSize() throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (ProbedServer server = new ProbedServer(builder -> builder)) {
            List<Wire> peers = new ArrayList<>();
            try {
                System.gc();
                long before = memory.getHeapMemoryUsage().getUsed();
                for (int i = 0; i < CONNECTIONS; i++) {
                    Wire wire = RawClient.upgrade(server.port(), "/echo", "");
                    // a masked binary frame announcing 1 MiB (64-bit length form), then one byte
                    wire.sendRaw(new byte[] {(byte) 0x82, (byte) 0xFF, 0, 0, 0, 0, 0, 0x10, 0, 0, 1, 2, 3, 4, 42});
                    peers.add(wire);
                }
                // a round trip on each connection: the server has read the byte by now
                for (Wire wire : peers) {
                    wire.sendRaw(new byte[] {43});
                }
                awaitQuiet();
                System.gc();
                long grownMiB = (memory.getHeapMemoryUsage().getUsed() - before) >> 20;
                assertTrue(grownMiB < 64, "the heap grew by " + grownMiB + " MiB for " + CONNECTIONS
                        + " connections that sent 16 bytes of frame each");
            } finally {
                for (Wire wire : peers) {
                    wire.close();
                }
            }
            server.awaitReleased(Duration.ofSeconds(5));
        }
    }

    /** Lets the server's loop take in the bytes just written (there is nothing to wait on). */
    private static void awaitQuiet() throws InterruptedException {
        Thread.sleep(300);
    }
}
