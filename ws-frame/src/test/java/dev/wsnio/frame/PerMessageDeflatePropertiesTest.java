package dev.wsnio.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.testkit.Gen;
import dev.wsnio.testkit.Generated;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Properties of permessage-deflate: whatever the messages, the fragmentation of their compressed
 * payloads into frames, the chunking of the frames into reads, the compression level, the
 * context-takeover settings and the delivery mode, a server session receives exactly what a
 * client compressed.
 *
 * <p>On window sizes: we always compress with a 15-bit window (the JDK's {@code Deflater} has
 * no other), and the receiving side accepts a peer window of 8 to 15 bits because its
 * {@code Inflater} always has a 32 KiB window. The JDK cannot produce a stream made for a
 * smaller window in general, but a message compressed with an empty window that is no longer
 * than 2<sup>N</sup> bytes cannot refer further back than that, so it is a valid N-bit stream:
 * that is what {@link #peerWindowOf8To15BitsDecodes} feeds. What it cannot check is an inflater
 * whose own window is smaller, which java.util.zip does not have.
 */
class PerMessageDeflatePropertiesTest {

    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF};

    /** A message: random bytes (incompressible), JSON-like text (compressible) or a run of zeros (a bomb). */
    private static byte[] message(Gen gen) {
        return switch (gen.weighted(3, 3, 1)) {
            case 0 -> gen.bytes(3000);
            case 1 -> gen.string("ab {}\":,0123", 0, 5000).getBytes(StandardCharsets.UTF_8);
            default -> new byte[gen.between(0, 100_000)];
        };
    }

    /** Frames as the client would send them: the first with RSV1, the last with FIN. */
    private static void writeFrames(PerMessageDeflateHarness server, byte[] payload, List<Integer> frameSizes,
                                    ByteArrayOutputStream wire) {
        int offset = 0;
        boolean first = true;
        for (int size : frameSizes) {
            if (offset + size >= payload.length) {
                break;
            }
            wire.writeBytes(server.frame(false, first, first ? Opcode.BINARY : Opcode.CONTINUATION,
                    Arrays.copyOfRange(payload, offset, offset + size)));
            offset += size;
            first = false;
        }
        wire.writeBytes(server.frame(true, first, first ? Opcode.BINARY : Opcode.CONTINUATION,
                Arrays.copyOfRange(payload, offset, payload.length)));
    }

    /** Feeds the wire bytes to the session in reads of the given size. */
    private static void receiveInReads(PerMessageDeflateHarness server, byte[] wire, int readSize) {
        for (int offset = 0; offset < wire.length; offset += readSize) {
            server.receive(Arrays.copyOfRange(wire, offset, Math.min(wire.length, offset + readSize)));
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static void assertReceived(List<byte[]> sent, PerMessageDeflateHarness server) {
        assertEquals(List.of(), server.events.stream().filter(e -> !e.startsWith("BINARY")).toList());
        assertEquals(sent.size(), server.messages.size());
        for (int i = 0; i < sent.size(); i++) {
            assertArrayEquals(sent.get(i), server.messages.get(i), "message " + i);
        }
    }

    @Test
    void whatTheClientCompressesTheServerReceives() {
        Generated.forAll(150, gen -> compressAndReceive(gen.list(1, 6, () -> message(gen)), gen.bool(), gen.bool(),
                gen.ints(8, 0, 300), gen.between(1, 5000), gen.pick(DeliveryMode.values()), gen.bool(),
                gen.between(-1, 9)));
    }

    private static void compressAndReceive(List<byte[]> messages, boolean agreedClientNoContextTakeover,
                                           boolean clientResetsAnyway, List<Integer> frameSizes, int readSize,
                                           DeliveryMode mode, boolean clientKeepsTheTail, int level) {
        PerMessageDeflateParameters agreed = new PerMessageDeflateParameters(false, agreedClientNoContextTakeover, 15, 15);
        PerMessageDeflateConfig config = PerMessageDeflateConfig.DEFAULTS.withCompressionThreshold(0)
                .withNoContextTakeover(clientResetsAnyway).withCompressionLevel(level);
        PerMessageDeflate client = new PerMessageDeflate(Role.CLIENT, agreed, config);
        PerMessageDeflateHarness server = new PerMessageDeflateHarness(Role.SERVER,
                SessionConfig.DEFAULTS.withDeliveryMode(mode), new PerMessageDeflate(Role.SERVER, agreed, config));
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (byte[] message : messages) {
            byte[] payload = bytes(client.compress(ByteBuffer.wrap(message)));
            if (clientKeepsTheTail) {
                // a sender that does not remove the flush's 00 00 ff ff (§7.2.1)
                payload = Arrays.copyOf(payload, payload.length + TAIL.length);
                System.arraycopy(TAIL, 0, payload, payload.length - TAIL.length, TAIL.length);
            }
            writeFrames(server, payload, frameSizes, wire);
        }
        receiveInReads(server, wire.toByteArray(), readSize);
        assertReceived(messages, server);
        client.release();
    }

    @Test
    void peerWindowOf8To15BitsDecodes() {
        Generated.forAll(100, gen -> decodeWithPeerWindow(gen.between(8, 15), gen.list(1, 6, () -> gen.bytes(40_000)),
                gen.bool()));
    }

    private static void decodeWithPeerWindow(int peerWindowBits, List<byte[]> candidates, boolean peerContextAgreed) {
        // Only messages of at most 2^N bytes compressed with an empty window are N-bit streams.
        List<byte[]> messages = candidates.stream().map(m -> Arrays.copyOf(m, Math.min(m.length, 1 << peerWindowBits)))
                .toList();
        PerMessageDeflateParameters agreed = new PerMessageDeflateParameters(false, !peerContextAgreed, 15, peerWindowBits);
        PerMessageDeflateHarness server = new PerMessageDeflateHarness(Role.SERVER, SessionConfig.DEFAULTS,
                new PerMessageDeflate(Role.SERVER, agreed, PerMessageDeflateConfig.DEFAULTS));
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (byte[] message : messages) {
            byte[] payload = bytes(PerMessageDeflate.compressWithFreshContext(ByteBuffer.wrap(message), 9));
            writeFrames(server, payload, List.of(), wire);
        }
        server.receive(wire.toByteArray());
        assertReceived(messages, server);
    }

    @Test
    void decompressedPiecesAreBoundedAndAddUpToTheMessage() {
        Generated.forAll(100, gen -> decompressInSlices(message(gen), gen.between(1, 2000)));
    }

    private static void decompressInSlices(byte[] message, int sliceSize) throws WebSocketProtocolException {
        PerMessageDeflateConfig config = PerMessageDeflateConfig.DEFAULTS.withCompressionThreshold(0);
        byte[] payload = bytes(new PerMessageDeflate(Role.SERVER, PerMessageDeflateParameters.DEFAULTS, config)
                .compress(ByteBuffer.wrap(message)));
        PerMessageDeflate client = new PerMessageDeflate(Role.CLIENT, PerMessageDeflateParameters.DEFAULTS, config);
        ByteArrayOutputStream inflated = new ByteArrayOutputStream();
        MessageCompression.DecompressedSink sink = piece -> {
            assertTrue(piece.remaining() > 0 && piece.remaining() <= PerMessageDeflate.MAX_DECOMPRESSED_PIECE,
                    "piece of " + piece.remaining());
            inflated.writeBytes(bytes(piece));
        };
        for (int offset = 0; offset < payload.length; offset += sliceSize) {
            ByteBuffer slice = ByteBuffer.wrap(payload, offset, Math.min(sliceSize, payload.length - offset));
            client.decompress(slice, sink);
            assertEquals(0, slice.remaining(), "each slice is consumed");
        }
        client.finishMessage(sink);
        assertArrayEquals(message, inflated.toByteArray());
        client.release();
    }
}
