package dev.wsnio.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.testkit.DeflateWindowChecker;
import dev.wsnio.testkit.Generated;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * permessage-deflate on generated input (seeded: a failure names its seed, see
 * {@link Generated}): whatever the messages, the window, the context takeover settings, the
 * level, the fragmentation of compressed payloads into frames, the chunking of frames into reads
 * and the delivery mode, a server session receives exactly what a client compressed; the
 * client's output never refers further back than its window allows (RFC 7692 §7.1.2), as
 * {@link DeflateWindowChecker}, a decoder independent of zlib, verifies; decompression hands out
 * bounded pieces; and any payload yields a message or a close code, never an exception.
 */
class PerMessageDeflateGeneratedTest {

    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF};
    private static final Set<String> ALLOWED_ERRORS =
            Set.of("error:INVALID_COMPRESSED_DATA", "error:INVALID_UTF8", "error:MESSAGE_TOO_BIG");

    /** Random bytes, JSON-ish text over a small alphabet, zeros, or repetitive chat text. */
    private static byte[] message(Random random, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        switch (random.nextInt(4)) {
            case 0 -> {
                byte[] bytes = new byte[length];
                random.nextBytes(bytes);
                return bytes;
            }
            case 1 -> {
                String alphabet = "ab {}\":,0123";
                byte[] text = new byte[length];
                for (int i = 0; i < length; i++) {
                    text[i] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
                }
                return text;
            }
            case 2 -> {
                return new byte[length];
            }
            default -> {
                StringBuilder text = new StringBuilder();
                while (text.length() < length) {
                    text.append("{\"user\":\"u").append(random.nextInt(9)).append("\",\"text\":\"hello number ")
                            .append(random.nextInt(1000)).append("\"} ");
                }
                return text.substring(0, length).getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    private static List<byte[]> messages(Random random, int count, int maxLength) {
        List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(message(random, maxLength));
        }
        return messages;
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** Frames as the client would send them: the first with RSV1 when compressed, the last with FIN. */
    private static void writeFrames(PerMessageDeflateHarness server, byte[] payload, boolean compressed,
                                    int[] frameSizes, ByteArrayOutputStream wire) {
        int offset = 0;
        boolean first = true;
        for (int size : frameSizes) {
            if (offset + size >= payload.length) {
                break;
            }
            wire.writeBytes(server.frame(false, first && compressed, first ? Opcode.BINARY : Opcode.CONTINUATION,
                    Arrays.copyOfRange(payload, offset, offset + size)));
            offset += size;
            first = false;
        }
        wire.writeBytes(server.frame(true, first && compressed, first ? Opcode.BINARY : Opcode.CONTINUATION,
                Arrays.copyOfRange(payload, offset, payload.length)));
    }

    private static void assertReceived(List<byte[]> sent, PerMessageDeflateHarness server) {
        assertEquals(List.of(), server.events.stream().filter(e -> !e.startsWith("BINARY")).toList());
        assertEquals(sent.size(), server.messages.size());
        for (int i = 0; i < sent.size(); i++) {
            assertArrayEquals(sent.get(i), server.messages.get(i), "message " + i);
        }
    }

    @Test
    void whatTheClientCompressesTheServerReceivesWithinTheAgreedWindow() {
        Generated.forAll(200, gen -> {
            Random random = new Random(gen.seed());
            List<byte[]> messages = messages(random, 1 + random.nextInt(6), random.nextInt(4) == 0 ? 70_000 : 5000);
            boolean agreedClientNoContextTakeover = random.nextBoolean();
            int clientWindowBits = 8 + random.nextInt(8);
            PerMessageDeflateParameters agreed = new PerMessageDeflateParameters(false, agreedClientNoContextTakeover,
                    15, clientWindowBits);
            PerMessageDeflateConfig config = PerMessageDeflateConfig.DEFAULTS.withCompressionThreshold(0)
                    .withNoContextTakeover(random.nextBoolean())
                    .withCompressionLevel(random.nextInt(11) - 1)
                    .withSkipIncompressible(random.nextBoolean());
            int[] frameSizes = random.ints(random.nextInt(9), 0, 301).toArray();
            int readSize = 1 + random.nextInt(5000);
            DeliveryMode mode = random.nextBoolean() ? DeliveryMode.WHOLE_MESSAGES : DeliveryMode.STREAMING;
            boolean clientKeepsTheTail = random.nextInt(4) == 0;

            PerMessageDeflate client = new PerMessageDeflate(Role.CLIENT, agreed, config);
            PerMessageDeflateHarness server = new PerMessageDeflateHarness(Role.SERVER,
                    SessionConfig.DEFAULTS.withDeliveryMode(mode), new PerMessageDeflate(Role.SERVER, agreed, config));
            DeflateWindowChecker checker = new DeflateWindowChecker(clientWindowBits);
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            for (byte[] message : messages) {
                ByteBuffer compressed = client.compress(ByteBuffer.wrap(message));
                if (compressed == null) {
                    assertTrue(config.skipIncompressible(), "only declined when allowed");
                    writeFrames(server, message, false, frameSizes, wire);
                    continue;
                }
                byte[] payload = bytes(compressed);
                if (!client.keepsContext()) {
                    checker.forgetHistory();
                }
                assertArrayEquals(message, checker.inflateMessage(payload), "the independent decoder agrees");
                if (clientKeepsTheTail) {
                    // a sender that does not remove the flush's 00 00 ff ff (§7.2.1)
                    payload = Arrays.copyOf(payload, payload.length + TAIL.length);
                    System.arraycopy(TAIL, 0, payload, payload.length - TAIL.length, TAIL.length);
                }
                writeFrames(server, payload, true, frameSizes, wire);
            }
            byte[] bytes = wire.toByteArray();
            for (int offset = 0; offset < bytes.length; offset += readSize) {
                server.receive(Arrays.copyOfRange(bytes, offset, Math.min(bytes.length, offset + readSize)));
            }
            assertReceived(messages, server);
            client.release();
        });
    }

    @Test
    void outputForASmallWindowNeverRefersFurtherBackThanTheWindow() {
        Generated.forAll(120, gen -> {
            Random random = new Random(gen.seed());
            int windowBits = 8 + random.nextInt(7);
            int window = 1 << windowBits;
            boolean takeover = random.nextBoolean();
            PerMessageDeflateParameters agreed = new PerMessageDeflateParameters(!takeover, false, windowBits, 15);
            PerMessageDeflateConfig config = PerMessageDeflateConfig.DEFAULTS.withCompressionThreshold(0)
                    .withNoContextTakeover(!takeover).withSkipIncompressible(false)
                    .withCompressionLevel(random.nextInt(11) - 1);
            PerMessageDeflate server = new PerMessageDeflate(Role.SERVER, agreed, config);
            assertEquals(takeover, server.keepsContext());
            DeflateWindowChecker checker = new DeflateWindowChecker(windowBits);
            for (int i = 0; i < 1 + random.nextInt(5); i++) {
                // lengths around multiples of the window, where the stretches end
                int length = random.nextBoolean() ? random.nextInt(4 * window)
                        : window * (1 + random.nextInt(3)) + random.nextInt(3) - 1;
                byte[] message = Arrays.copyOf(message(random, 70_000), Math.max(0, length));
                if (message.length < length) {
                    message = new byte[length]; // zeros: references as long and as far as allowed
                }
                byte[] payload = bytes(server.compress(ByteBuffer.wrap(message)));
                if (!takeover) {
                    checker.forgetHistory();
                }
                assertArrayEquals(message, checker.inflateMessage(payload));
            }
            assertTrue(checker.largestDistance() <= window, "distance " + checker.largestDistance());
            server.release();
        });
    }

    @Test
    void decompressedPiecesAreBoundedAndAddUpToTheMessage() {
        Generated.forAll(100, gen -> {
            Random random = new Random(gen.seed());
            byte[] message = message(random, 100_000);
            int sliceSize = 1 + random.nextInt(2000);
            PerMessageDeflateConfig config = PerMessageDeflateConfig.DEFAULTS.withCompressionThreshold(0)
                    .withSkipIncompressible(false);
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
        });
    }

    @Test
    void anyCompressedPayloadYieldsAMessageOrACloseCodeNeverAnException() {
        Generated.forAll(300, gen -> {
            Random random = new Random(gen.seed());
            boolean text = random.nextBoolean();
            PerMessageDeflateHarness client = new PerMessageDeflateHarness(Role.CLIENT,
                    SessionConfig.DEFAULTS.withMaxMessageSize(4096), new PerMessageDeflate(Role.CLIENT,
                    PerMessageDeflateParameters.DEFAULTS, PerMessageDeflateConfig.DEFAULTS.withNoContextTakeover(false)));
            Opcode opcode = text ? Opcode.TEXT : Opcode.BINARY;
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            int frames = random.nextInt(201);
            for (int i = 0; i < frames; i++) {
                byte[] frame = new byte[random.nextInt(41)];
                random.nextBytes(frame);
                // every other frame starts a new message, so that the window carries over too
                boolean first = i % 2 == 0;
                boolean fin = !first || i == frames - 1;
                wire.writeBytes(client.frame(fin, first, first ? opcode : Opcode.CONTINUATION, frame));
            }
            client.receive(wire.toByteArray());
            for (String event : client.events) {
                assertTrue(event.startsWith("TEXT:") || event.startsWith("BINARY:") || ALLOWED_ERRORS.contains(event),
                        event);
            }
        });
    }
}
