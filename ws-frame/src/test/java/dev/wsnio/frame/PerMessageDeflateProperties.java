package dev.wsnio.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

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
class PerMessageDeflateProperties {

    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF};

    @Provide
    Arbitrary<byte[]> message() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(3000);
        Arbitrary<byte[]> text = Arbitraries.strings().withChars("ab {}\":,0123").ofMaxLength(5000)
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> zeros = Arbitraries.integers().between(0, 100_000).map(byte[]::new);
        return Arbitraries.frequencyOf(
                Tuple.of(3, random), Tuple.of(3, text), Tuple.of(1, zeros));
    }

    @Provide
    Arbitrary<List<byte[]>> messages() {
        return message().list().ofMinSize(1).ofMaxSize(6);
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

    @Property(tries = 150)
    void whatTheClientCompressesTheServerReceives(
            @ForAll("messages") List<byte[]> messages,
            @ForAll boolean agreedClientNoContextTakeover,
            @ForAll boolean clientResetsAnyway,
            @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 300) Integer> frameSizes,
            @ForAll @IntRange(min = 1, max = 5000) int readSize,
            @ForAll DeliveryMode mode,
            @ForAll boolean clientKeepsTheTail,
            @ForAll @IntRange(min = -1, max = 9) int level) {
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

    @Property(tries = 100)
    void peerWindowOf8To15BitsDecodes(
            @ForAll @IntRange(min = 8, max = 15) int peerWindowBits,
            @ForAll @Size(min = 1, max = 6) List<@Size(max = 40_000) byte[]> candidates,
            @ForAll boolean peerContextAgreed) {
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

    @Property(tries = 100)
    void decompressedPiecesAreBoundedAndAddUpToTheMessage(
            @ForAll("message") byte[] message,
            @ForAll @IntRange(min = 1, max = 2000) int sliceSize) throws WebSocketProtocolException {
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

    @Property(tries = 300)
    void anyCompressedPayloadYieldsAMessageOrACloseCodeNeverAnException(
            @ForAll @Size(max = 200) List<@Size(max = 40) byte[]> frames,
            @ForAll boolean text) {
        PerMessageDeflateHarness client = new PerMessageDeflateHarness(Role.CLIENT,
                SessionConfig.DEFAULTS.withMaxMessageSize(4096), new PerMessageDeflate(Role.CLIENT,
                PerMessageDeflateParameters.DEFAULTS, PerMessageDeflateConfig.DEFAULTS.withNoContextTakeover(false)));
        Opcode opcode = text ? Opcode.TEXT : Opcode.BINARY;
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int i = 0; i < frames.size(); i++) {
            // every other frame starts a new message, so that the window carries over too
            boolean first = i % 2 == 0;
            boolean fin = !first || i == frames.size() - 1;
            wire.writeBytes(client.frame(fin, first, first ? opcode : Opcode.CONTINUATION, frames.get(i)));
        }
        client.receive(wire.toByteArray());
        Set<String> allowedErrors = Set.of("error:INVALID_COMPRESSED_DATA", "error:INVALID_UTF8", "error:MESSAGE_TOO_BIG");
        for (String event : client.events) {
            assertTrue(event.startsWith("TEXT:") || event.startsWith("BINARY:") || allowedErrors.contains(event), event);
        }
    }
}
