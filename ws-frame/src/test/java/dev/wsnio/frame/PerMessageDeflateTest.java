package dev.wsnio.frame;

import static dev.wsnio.frame.PerMessageDeflateHarness.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** permessage-deflate's behaviour through sessions: thresholds, context, quirks, limits, release. */
class PerMessageDeflateTest {

    private static final PerMessageDeflateConfig WITH_CONTEXT = PerMessageDeflateConfig.DEFAULTS
            .withNoContextTakeover(false).withRequestPeerNoContextTakeover(false).withSkipIncompressible(false);
    private static final PerMessageDeflateConfig COMPRESS_ALL_WITH_CONTEXT = WITH_CONTEXT.withCompressionThreshold(0);

    private static PerMessageDeflate deflate(Role role, PerMessageDeflateParameters agreed, PerMessageDeflateConfig config) {
        return new PerMessageDeflate(role, agreed, config);
    }

    private static PerMessageDeflate withContext(Role role) {
        return deflate(role, PerMessageDeflateParameters.DEFAULTS, COMPRESS_ALL_WITH_CONTEXT);
    }

    private static PerMessageDeflateHarness client(MessageCompression compression) {
        return new PerMessageDeflateHarness(Role.CLIENT, SessionConfig.DEFAULTS, compression);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static byte[] compress(PerMessageDeflate deflate, byte[] message) {
        return bytes(deflate.compress(ByteBuffer.wrap(message)));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** JSON-like text that compresses well. */
    private static byte[] chatMessage(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < length; i++) {
            text.append("{\"user\":\"u").append(i % 7).append("\",\"text\":\"hello number ").append(i).append("\"}");
        }
        return utf8(text.substring(0, length));
    }

    /** The RSV1 bit of the first frame the harness sent. */
    private static boolean firstSentFrameHasRsv1(PerMessageDeflateHarness harness) {
        return (harness.sent.wire()[0] & FrameHeader.RSV1) != 0;
    }

    // ---------------------------------------------------------------- what gets compressed

    @Test
    void compressesMessagesFromTheThresholdUp() {
        PerMessageDeflate deflate = deflate(Role.SERVER, PerMessageDeflateParameters.DEFAULTS,
                PerMessageDeflateConfig.DEFAULTS);
        assertFalse(deflate.shouldCompress(MessageType.TEXT, 1023));
        assertTrue(deflate.shouldCompress(MessageType.TEXT, 1024));
        assertTrue(deflate.shouldCompress(MessageType.BINARY, 1 << 20));
    }

    @Test
    void thresholdZeroCompressesEvenEmptyMessages() {
        assertTrue(withContext(Role.SERVER).shouldCompress(MessageType.BINARY, 0));
    }

    @Test
    void sessionSendsMessagesBelowTheThresholdUncompressed() {
        PerMessageDeflateHarness server = new PerMessageDeflateHarness(Role.SERVER, SessionConfig.DEFAULTS,
                deflate(Role.SERVER, PerMessageDeflateParameters.DEFAULTS, PerMessageDeflateConfig.DEFAULTS));
        server.session.sendMessage(MessageType.TEXT, ByteBuffer.wrap(chatMessage(1023)));
        assertFalse(firstSentFrameHasRsv1(server));
        byte[] frame = server.sent.wire();
        assertEquals(4 + 1023, frame.length, "header and the message as it is");
    }

    @Test
    void sessionCompressesMessagesAtTheThresholdWithRsv1OnTheOnlyFrame() {
        PerMessageDeflateHarness server = new PerMessageDeflateHarness(Role.SERVER, SessionConfig.DEFAULTS,
                deflate(Role.SERVER, PerMessageDeflateParameters.DEFAULTS, PerMessageDeflateConfig.DEFAULTS));
        server.session.sendMessage(MessageType.TEXT, ByteBuffer.wrap(chatMessage(1024)));
        assertTrue(firstSentFrameHasRsv1(server));
        assertTrue(server.sent.wire().length < 1024 / 2, "chat text compresses to less than half");
    }

    @Test
    void fragmentedSendsGoUncompressed() {
        PerMessageDeflateHarness client = client(withContext(Role.CLIENT));
        client.session.sendFragment(MessageType.BINARY, ByteBuffer.wrap(chatMessage(2000)), false);
        assertFalse(firstSentFrameHasRsv1(client));
    }

    // ---------------------------------------------------------------- round trips between sessions

    /** Sends messages from a client session and feeds its frames to a server session. */
    private static List<byte[]> clientToServer(PerMessageDeflate clientSide, PerMessageDeflate serverSide,
                                               List<byte[]> messages) {
        PerMessageDeflateHarness client = client(clientSide);
        PerMessageDeflateHarness server = new PerMessageDeflateHarness(Role.SERVER, SessionConfig.DEFAULTS, serverSide);
        for (byte[] message : messages) {
            client.session.sendMessage(MessageType.BINARY, ByteBuffer.wrap(message));
        }
        server.receive(client.sent.wire());
        assertEquals(List.of(), server.events.stream().filter(e -> !e.startsWith("BINARY")).toList());
        return server.messages;
    }

    @Test
    void messagesSurviveTheRoundTripWithContextTakeover() {
        List<byte[]> messages = List.of(chatMessage(3000), chatMessage(3000), new byte[0], chatMessage(70_000));
        List<byte[]> received = clientToServer(withContext(Role.CLIENT), withContext(Role.SERVER), messages);
        assertEquals(messages.size(), received.size());
        for (int i = 0; i < messages.size(); i++) {
            assertArrayEquals(messages.get(i), received.get(i));
        }
    }

    @Test
    void messagesSurviveTheRoundTripWithoutContextTakeover() {
        PerMessageDeflateParameters agreed = new PerMessageDeflateParameters(true, true, 15, 15);
        PerMessageDeflateConfig config = PerMessageDeflateConfig.DEFAULTS.withCompressionThreshold(0);
        List<byte[]> messages = List.of(chatMessage(3000), chatMessage(3000), new byte[0], chatMessage(70_000));
        List<byte[]> received = clientToServer(deflate(Role.CLIENT, agreed, config),
                deflate(Role.SERVER, agreed, config), messages);
        for (int i = 0; i < messages.size(); i++) {
            assertArrayEquals(messages.get(i), received.get(i));
        }
    }

    @Test
    void contextTakeoverShrinksARepeatedMessage() {
        PerMessageDeflate deflate = withContext(Role.SERVER);
        byte[] message = chatMessage(2000);
        int first = compress(deflate, message).length;
        int second = compress(deflate, message).length;
        assertTrue(second < first / 5, "the repeat is a few back-references: " + second + " bytes after " + first);
    }

    @Test
    void withoutContextTakeoverARepeatedMessageCompressesTheSame() {
        PerMessageDeflate deflate = deflate(Role.SERVER, PerMessageDeflateParameters.DEFAULTS,
                WITH_CONTEXT.withCompressionThreshold(0).withNoContextTakeover(true));
        byte[] message = chatMessage(2000);
        assertArrayEquals(compress(deflate, message), compress(deflate, message));
    }

    @Test
    void agreedNoContextTakeoverForOurDirectionResetsEvenWhenConfigAllowsContext() {
        PerMessageDeflateParameters agreed = new PerMessageDeflateParameters(true, false, 15, 15);
        PerMessageDeflate server = deflate(Role.SERVER, agreed, COMPRESS_ALL_WITH_CONTEXT);
        PerMessageDeflate client = deflate(Role.CLIENT, agreed, COMPRESS_ALL_WITH_CONTEXT);
        assertFalse(server.keepsContext());
        assertTrue(client.keepsContext());
        byte[] message = chatMessage(2000);
        assertArrayEquals(compress(server, message), compress(server, message));
    }

    // ---------------------------------------------------------------- the peer's context

    @Test
    void keepsThePeersWindowAcrossAnUncompressedMessage() {
        PerMessageDeflateHarness client = client(withContext(Role.CLIENT));
        client.receive(client.frame(true, true, Opcode.TEXT, hex("f2 48 cd c9 c9 07 00")));
        client.receive(client.frame(true, false, Opcode.TEXT, utf8("plain")));
        client.receive(client.frame(true, true, Opcode.TEXT, hex("f2 00 11 00 00")));
        assertEquals(List.of("TEXT:Hello", "TEXT:plain", "TEXT:Hello"), client.events);
    }

    @Test
    void dropsThePeersWindowBetweenMessagesWhenThePeerAgreedToNoContextTakeover() {
        // server_no_context_takeover agreed: a back-reference into the previous message is invalid
        PerMessageDeflateParameters agreed = new PerMessageDeflateParameters(true, false, 15, 15);
        PerMessageDeflateHarness client = client(deflate(Role.CLIENT, agreed, COMPRESS_ALL_WITH_CONTEXT));
        client.receive(client.frame(true, true, Opcode.TEXT, hex("f2 48 cd c9 c9 07 00")));
        client.receive(client.frame(true, true, Opcode.TEXT, hex("f2 00 11 00 00")));
        assertEquals(List.of("TEXT:Hello", "error:INVALID_COMPRESSED_DATA"), client.events);
    }

    @Test
    void acceptsAPeerThatCompressesWithASmallWindow() {
        PerMessageDeflateParameters agreed = new PerMessageDeflateParameters(false, false, 8, 15);
        PerMessageDeflateHarness client = client(deflate(Role.CLIENT, agreed, COMPRESS_ALL_WITH_CONTEXT));
        client.receive(client.frame(true, true, Opcode.TEXT, hex("f2 48 cd c9 c9 07 00")));
        assertEquals(List.of("TEXT:Hello"), client.events);
    }

    @Test
    void compressesWithTheSmallerOfTheAgreedAndTheConfiguredWindow() {
        PerMessageDeflateParameters serverLimited = new PerMessageDeflateParameters(false, false, 9, 15);
        assertEquals(9, deflate(Role.SERVER, serverLimited, PerMessageDeflateConfig.DEFAULTS).windowBits());
        assertEquals(15, deflate(Role.CLIENT, serverLimited, PerMessageDeflateConfig.DEFAULTS).windowBits(),
                "server_max_window_bits limits only the server");
        assertEquals(11, deflate(Role.CLIENT, serverLimited, PerMessageDeflateConfig.DEFAULTS.withMaxWindowBits(11))
                .windowBits());
        assertEquals(9, deflate(Role.SERVER, serverLimited, PerMessageDeflateConfig.DEFAULTS.withMaxWindowBits(12))
                .windowBits());
    }

    // ---------------------------------------------------------------- quirks of peers

    @Test
    void emptyPayloadIsAnEmptyMessageAndLeavesTheWindowAlone() {
        PerMessageDeflateHarness client = client(withContext(Role.CLIENT));
        client.receive(client.frame(true, true, Opcode.TEXT, hex("f2 48 cd c9 c9 07 00")));
        client.receive(client.frame(true, true, Opcode.TEXT, new byte[0]));
        client.receive(client.frame(true, true, Opcode.TEXT, hex("f2 00 11 00 00")));
        assertEquals(List.of("TEXT:Hello", "TEXT:", "TEXT:Hello"), client.events);
    }

    @Test
    void payloadOfOneZeroOctetIsAnEmptyMessage() {
        PerMessageDeflateHarness client = client(withContext(Role.CLIENT));
        client.receive(client.frame(true, true, Opcode.BINARY, hex("00")));
        client.receive(client.frame(true, true, Opcode.TEXT, hex("f2 48 cd c9 c9 07 00")));
        assertEquals(List.of("BINARY:", "TEXT:Hello"), client.events);
    }

    @Test
    void emptyCompressedMessageInManyEmptyFrames() {
        PerMessageDeflateHarness client = client(withContext(Role.CLIENT));
        client.receive(client.frame(false, true, Opcode.TEXT, new byte[0]));
        client.receive(client.frame(false, false, Opcode.CONTINUATION, new byte[0]));
        client.receive(client.frame(true, false, Opcode.CONTINUATION, new byte[0]));
        assertEquals(List.of("TEXT:"), client.events);
    }

    @Test
    void compressedMessageInManyFramesSomeEmpty() {
        byte[] payload = hex("f2 48 cd c9 c9 07 00");
        PerMessageDeflateHarness client = client(withContext(Role.CLIENT));
        client.receive(client.frame(false, true, Opcode.TEXT, new byte[0]));
        for (int i = 0; i < payload.length; i++) {
            client.receive(client.frame(false, false, Opcode.CONTINUATION, new byte[] {payload[i]}));
            client.receive(client.frame(false, false, Opcode.CONTINUATION, new byte[0]));
        }
        client.receive(client.frame(true, false, Opcode.CONTINUATION, new byte[0]));
        assertEquals(List.of("TEXT:Hello"), client.events);
    }

    @Test
    void pingBetweenFragmentsOfACompressedMessage() {
        PerMessageDeflateHarness client = client(withContext(Role.CLIENT));
        client.receive(client.frame(false, true, Opcode.TEXT, hex("f2 48 cd")));
        client.receive(client.frame(true, false, Opcode.PING, utf8("p")));
        client.receive(client.frame(true, false, Opcode.CONTINUATION, hex("c9 c9 07 00")));
        assertEquals(List.of("TEXT:Hello"), client.events);
    }

    @Test
    void tailSentInsideTheDataDecodesAndKeepsTheWindow() {
        PerMessageDeflateHarness client = client(withContext(Role.CLIENT));
        client.receive(client.frame(true, true, Opcode.TEXT, hex("f2 48 cd c9 c9 07 00 00 00 ff ff")));
        client.receive(client.frame(true, true, Opcode.TEXT, hex("f2 00 11 00 00")));
        assertEquals(List.of("TEXT:Hello", "TEXT:Hello"), client.events);
    }

    @Test
    void tailInAFrameOfItsOwnDecodes() {
        PerMessageDeflateHarness client = client(withContext(Role.CLIENT));
        client.receive(client.frame(false, true, Opcode.TEXT, hex("f2 48 cd c9 c9 07 00")));
        client.receive(client.frame(true, false, Opcode.CONTINUATION, hex("00 00 ff ff")));
        client.receive(client.frame(true, true, Opcode.TEXT, hex("f2 00 11 00 00")));
        assertEquals(List.of("TEXT:Hello", "TEXT:Hello"), client.events);
    }

    @Test
    void flushAtTheEndOfEveryFrameButTheLastDecodes() {
        // a sender that flushes each frame as it streams, and trims only the message's end
        PerMessageDeflateHarness client = client(withContext(Role.CLIENT));
        client.receive(client.frame(false, true, Opcode.TEXT, hex("f2 48 05 00 00 00 ff ff")));
        client.receive(client.frame(true, false, Opcode.CONTINUATION, hex("ca c9 c9 07 00")));
        client.receive(client.frame(true, true, Opcode.TEXT, hex("f2 00 11 00 00")));
        assertEquals(List.of("TEXT:Hello", "TEXT:Hello"), client.events);
    }

    @Test
    void tailSplitAcrossFramesDecodes() {
        PerMessageDeflateHarness client = client(withContext(Role.CLIENT));
        client.receive(client.frame(false, true, Opcode.TEXT, hex("f2 48 cd c9 c9 07 00 00 00")));
        client.receive(client.frame(true, false, Opcode.CONTINUATION, hex("ff ff")));
        client.receive(client.frame(true, true, Opcode.TEXT, hex("f2 00 11 00 00")));
        assertEquals(List.of("TEXT:Hello", "TEXT:Hello"), client.events);
    }

    @Test
    void messageAfterAFinalBlockStartsANewStream() {
        PerMessageDeflateHarness client = client(withContext(Role.CLIENT));
        client.receive(client.frame(true, true, Opcode.TEXT, hex("f3 48 cd c9 c9 07 00 00")));
        client.receive(client.frame(true, true, Opcode.TEXT, hex("f2 48 cd c9 c9 07 00")));
        client.receive(client.frame(true, true, Opcode.TEXT, hex("f2 00 11 00 00")));
        assertEquals(List.of("TEXT:Hello", "TEXT:Hello", "TEXT:Hello"), client.events);
    }

    @Test
    void finalBlockWithoutThePaddingOctetDecodes() {
        PerMessageDeflateHarness client = client(withContext(Role.CLIENT));
        client.receive(client.frame(true, true, Opcode.TEXT, hex("f3 48 cd c9 c9 07 00")));
        client.receive(client.frame(true, true, Opcode.TEXT, hex("f3 48 cd c9 c9 07 00")));
        assertEquals(List.of("TEXT:Hello", "TEXT:Hello"), client.events);
    }

    @Test
    void bytesAfterAFinalBlockAreIgnored() {
        PerMessageDeflateHarness client = client(withContext(Role.CLIENT));
        client.receive(client.frame(false, true, Opcode.TEXT, hex("f3 48 cd c9 c9 07 00")));
        client.receive(client.frame(true, false, Opcode.CONTINUATION, hex("ff ff ff ff")));
        assertEquals(List.of("TEXT:Hello"), client.events);
    }

    @Test
    void referenceAcrossAFinalBlockFailsWith1007RatherThanYieldingWrongData() {
        // The documented limit of java.util.zip: the window does not survive the end of a stream.
        PerMessageDeflateHarness client = client(withContext(Role.CLIENT));
        client.receive(client.frame(true, true, Opcode.TEXT, hex("f3 48 cd c9 c9 07 00 00")));
        client.receive(client.frame(true, true, Opcode.TEXT, hex("f2 00 11 00 00")));
        assertEquals(List.of("TEXT:Hello", "error:INVALID_COMPRESSED_DATA"), client.events);
        assertEquals(CloseCode.INVALID_PAYLOAD_DATA, client.session.closeSent().code());
    }

    // ---------------------------------------------------------------- bad data and limits

    @Test
    void dataThatCannotBeInflatedFailsWith1007() {
        PerMessageDeflateHarness client = client(withContext(Role.CLIENT));
        client.receive(client.frame(true, true, Opcode.BINARY, hex("ff ff ff ff"))); // reserved block type 11
        assertEquals(List.of("error:INVALID_COMPRESSED_DATA"), client.events);
        assertEquals(CloseCode.INVALID_PAYLOAD_DATA, client.session.closeSent().code());
    }

    @Test
    void invalidUtf8InInflatedTextFailsBeforeTheMessageEnds() {
        PerMessageDeflateHarness client = client(withContext(Role.CLIENT));
        byte[] compressed = compress(withContext(Role.SERVER), new byte[] {'a', (byte) 0xC0, (byte) 0x80, 'b'});
        client.receive(client.frame(false, true, Opcode.TEXT, compressed));
        assertEquals(List.of("error:INVALID_UTF8"), client.events, "no need to wait for the final frame");
    }

    @Test
    void truncatedUtf8AtTheEndOfAnInflatedTextFails() {
        PerMessageDeflateHarness client = client(withContext(Role.CLIENT));
        byte[] compressed = compress(withContext(Role.SERVER), new byte[] {'a', (byte) 0xE2, (byte) 0x82});
        client.receive(client.frame(true, true, Opcode.TEXT, compressed));
        assertEquals(List.of("error:INVALID_UTF8"), client.events);
    }

    @Test
    void rsv1OnAContinuationFrameIsAProtocolError() {
        PerMessageDeflateHarness client = client(withContext(Role.CLIENT));
        client.receive(client.frame(false, true, Opcode.TEXT, hex("f2 48 cd")));
        client.receive(client.frame(true, true, Opcode.CONTINUATION, hex("c9 c9 07 00")));
        assertEquals(List.of("error:COMPRESSED_BIT_MISPLACED"), client.events);
    }

    /** Counts the bytes the compression hands to the session's sink, and the largest piece. */
    private static final class CountingCompression implements MessageCompression {
        final PerMessageDeflate inner;
        long inflated;
        int largestPiece;

        CountingCompression(PerMessageDeflate inner) {
            this.inner = inner;
        }

        private DecompressedSink counting(DecompressedSink sink) {
            return piece -> {
                inflated += piece.remaining();
                largestPiece = Math.max(largestPiece, piece.remaining());
                sink.accept(piece);
            };
        }

        @Override
        public boolean shouldCompress(MessageType type, int length) {
            return inner.shouldCompress(type, length);
        }

        @Override
        public ByteBuffer compress(ByteBuffer message) {
            return inner.compress(message);
        }

        @Override
        public void decompress(ByteBuffer compressed, DecompressedSink sink) throws WebSocketProtocolException {
            inner.decompress(compressed, counting(sink));
        }

        @Override
        public void finishMessage(DecompressedSink sink) throws WebSocketProtocolException {
            inner.finishMessage(counting(sink));
        }

        @Override
        public void release() {
            inner.release();
        }
    }

    /** 100 MiB of zeros compressed as one message: about 100 KB. */
    private static byte[] bomb() {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            byte[] zeros = new byte[1 << 20];
            ByteBuffer out = ByteBuffer.allocate(256 * 1024);
            for (int mebibyte = 0; mebibyte < 100; mebibyte++) {
                deflater.setInput(zeros);
                while (!deflater.needsInput()) {
                    deflater.deflate(out, Deflater.NO_FLUSH);
                }
            }
            deflater.deflate(out, Deflater.SYNC_FLUSH);
            out.flip();
            return Arrays.copyOf(bytes(out), out.limit() - 4); // without 00 00 ff ff
        } finally {
            deflater.end();
        }
    }

    private static void assertBombRefused(DeliveryMode mode) {
        byte[] bomb = bomb();
        assertTrue(bomb.length < 110_000, "the bomb is small: " + bomb.length);
        long limit = 1 << 20;
        CountingCompression counting = new CountingCompression(withContext(Role.CLIENT));
        PerMessageDeflateHarness client = new PerMessageDeflateHarness(Role.CLIENT,
                SessionConfig.DEFAULTS.withMaxMessageSize(limit).withDeliveryMode(mode), counting);
        client.receive(client.frame(true, true, Opcode.BINARY, bomb));
        assertEquals(List.of("error:MESSAGE_TOO_BIG"), client.events);
        assertEquals(CloseCode.MESSAGE_TOO_BIG, client.session.closeSent().code());
        assertTrue(counting.inflated <= limit + PerMessageDeflate.MAX_DECOMPRESSED_PIECE,
                "inflated " + counting.inflated + " bytes of 100 MiB before refusing");
        assertTrue(counting.inflated > limit, "refused only past the limit");
    }

    @Test
    void compressionBombIsRefusedWith1009AfterInflatingAtMostTheLimitAndOnePiece() {
        assertBombRefused(DeliveryMode.WHOLE_MESSAGES);
    }

    @Test
    void compressionBombIsRefusedWhenStreamingToo() {
        assertBombRefused(DeliveryMode.STREAMING);
    }

    @Test
    void inflatedPiecesNeverExceedTheMaximumPiece() {
        CountingCompression counting = new CountingCompression(withContext(Role.CLIENT));
        PerMessageDeflateHarness client = client(counting);
        byte[] message = new byte[1 << 20];
        client.receive(client.frame(true, true, Opcode.BINARY, compress(withContext(Role.SERVER), message)));
        assertEquals(1, client.messages.size());
        assertArrayEquals(message, client.messages.get(0));
        assertEquals(PerMessageDeflate.MAX_DECOMPRESSED_PIECE, counting.largestPiece);
    }

    // ---------------------------------------------------------------- buffers

    @Test
    void compressConsumesItsInputAndAcceptsDirectAndReadOnlyBuffers() {
        byte[] message = chatMessage(5000);
        byte[] expected = compress(deflate(Role.SERVER, PerMessageDeflateParameters.DEFAULTS,
                PerMessageDeflateConfig.DEFAULTS), message);
        PerMessageDeflate deflate = deflate(Role.SERVER, PerMessageDeflateParameters.DEFAULTS,
                PerMessageDeflateConfig.DEFAULTS);
        ByteBuffer direct = ByteBuffer.allocateDirect(message.length).put(message).flip();
        assertArrayEquals(expected, bytes(deflate.compress(direct)));
        assertFalse(direct.hasRemaining());
        ByteBuffer readOnly = ByteBuffer.wrap(message).asReadOnlyBuffer();
        assertArrayEquals(expected, bytes(deflate.compress(readOnly)));
        assertFalse(readOnly.hasRemaining());
    }

    @Test
    void compressedPayloadIsLentUntilTheNextCompressionOnTheWorkspace() {
        DeflateWorkspace workspace = new DeflateWorkspace();
        PerMessageDeflateParameters agreed = new PerMessageDeflateParameters(true, true, 15, 15);
        ContextTakeoverBudget budget = new ContextTakeoverBudget(0);
        PerMessageDeflate first = new PerMessageDeflate(Role.SERVER, agreed, PerMessageDeflateConfig.DEFAULTS,
                workspace, budget);
        PerMessageDeflate second = new PerMessageDeflate(Role.SERVER, agreed, PerMessageDeflateConfig.DEFAULTS,
                workspace, budget);
        ByteBuffer lent = first.compress(ByteBuffer.wrap(chatMessage(3000)));
        byte[] firstPayload = bytes(lent.duplicate());
        byte[] secondPayload = bytes(second.compress(ByteBuffer.wrap(chatMessage(2000))));
        assertFalse(Arrays.equals(firstPayload, bytes(lent)), "the next compression reuses the buffer");
        assertArrayEquals(firstPayload, compress(first, chatMessage(3000)), "and the first connection is unaffected");
        assertEquals(secondPayload.length, compress(second, chatMessage(2000)).length);
    }

    @Test
    void decompressesFromADirectReadBuffer() {
        PerMessageDeflateHarness client = client(withContext(Role.CLIENT));
        byte[] frame = client.frame(true, true, Opcode.TEXT, hex("f2 48 cd c9 c9 07 00"));
        client.session.receive(ByteBuffer.allocateDirect(frame.length).put(frame).flip());
        assertEquals(List.of("TEXT:Hello"), client.events);
    }

    @Test
    void decompressesWhenTheFrameArrivesOneByteAtATime() {
        byte[] message = chatMessage(40_000);
        PerMessageDeflateHarness client = client(withContext(Role.CLIENT));
        byte[] frame = client.frame(true, true, Opcode.TEXT, compress(withContext(Role.SERVER), message));
        for (byte b : frame) {
            client.receive(new byte[] {b});
        }
        assertEquals(1, client.messages.size());
        assertArrayEquals(message, client.messages.get(0));
    }

    // ---------------------------------------------------------------- broadcast

    @Test
    void freshContextEncodingEqualsWhatAConnectionWithoutContextTakeoverSends() {
        byte[] message = chatMessage(4000);
        PerMessageDeflate connection = deflate(Role.SERVER, new PerMessageDeflateParameters(true, false, 15, 15),
                PerMessageDeflateConfig.DEFAULTS);
        assertTrue(connection.acceptsFreshContextEncoding());
        compress(connection, chatMessage(3000)); // whatever was sent before
        assertArrayEquals(compress(connection, message), bytes(PerMessageDeflate.compressWithFreshContext(
                ByteBuffer.wrap(message), Deflater.DEFAULT_COMPRESSION)));
    }

    @Test
    void freshContextEncodingDecodesAtAPeerThatKeepsItsWindow() {
        // The peer keeps context (it may), we reset ours: shared payloads interleave with our own.
        PerMessageDeflateHarness client = client(withContext(Role.CLIENT));
        PerMessageDeflate server = deflate(Role.SERVER, new PerMessageDeflateParameters(true, false, 15, 15),
                PerMessageDeflateConfig.DEFAULTS);
        byte[] own = chatMessage(3000);
        byte[] shared = chatMessage(5000);
        client.receive(client.frame(true, true, Opcode.BINARY, compress(server, own)));
        client.receive(client.frame(true, true, Opcode.BINARY,
                bytes(PerMessageDeflate.compressWithFreshContext(ByteBuffer.wrap(shared), 1))));
        client.receive(client.frame(true, true, Opcode.BINARY, compress(server, own)));
        assertEquals(3, client.messages.size());
        assertArrayEquals(own, client.messages.get(0));
        assertArrayEquals(shared, client.messages.get(1));
        assertArrayEquals(own, client.messages.get(2));
    }

    @Test
    void connectionWithContextTakeoverOrASmallWindowCannotShareFreshContextEncodings() {
        assertFalse(withContext(Role.SERVER).acceptsFreshContextEncoding());
        assertFalse(deflate(Role.SERVER, new PerMessageDeflateParameters(true, false, 12, 15),
                PerMessageDeflateConfig.DEFAULTS).acceptsFreshContextEncoding());
    }

    @Test
    void freshContextCompressionRejectsAnInvalidLevel() {
        assertThrows(IllegalArgumentException.class,
                () -> PerMessageDeflate.compressWithFreshContext(ByteBuffer.allocate(1), 10));
    }

    // ---------------------------------------------------------------- release

    @Test
    void releaseIsIdempotentAndLaterUseFailsLoudly() {
        PerMessageDeflate deflate = withContext(Role.CLIENT);
        compress(deflate, chatMessage(100));
        deflate.release();
        deflate.release();
        assertThrows(IllegalStateException.class, () -> deflate.compress(ByteBuffer.allocate(10)));
        assertThrows(IllegalStateException.class, () -> deflate.decompress(ByteBuffer.wrap(hex("00")), piece -> { }));
        assertThrows(IllegalStateException.class, () -> deflate.finishMessage(piece -> { }));
    }

    @Test
    void releaseDuringAMessageEndsIt() throws WebSocketProtocolException {
        PerMessageDeflate deflate = withContext(Role.CLIENT);
        deflate.decompress(ByteBuffer.wrap(hex("f2 48 cd")), piece -> { });
        deflate.release();
        assertThrows(IllegalStateException.class, () -> deflate.decompress(ByteBuffer.wrap(hex("c9")), piece -> { }));
        assertThrows(IllegalStateException.class, () -> deflate.finishMessage(piece -> { }));
    }

    @Test
    void sessionReleasesTheCompressionWhenTheConnectionCloses() {
        PerMessageDeflate deflate = withContext(Role.CLIENT);
        PerMessageDeflateHarness client = client(deflate);
        client.receive(client.frame(true, false, Opcode.CLOSE, new byte[] {0x03, (byte) 0xE8}));
        assertEquals(SessionState.CLOSED, client.session.state());
        assertThrows(IllegalStateException.class, () -> deflate.compress(ByteBuffer.allocate(10)));
    }

    @Test
    void sessionReleasesTheCompressionWhenItFails() {
        PerMessageDeflate deflate = withContext(Role.CLIENT);
        PerMessageDeflateHarness client = client(deflate);
        client.receive(client.frame(true, true, Opcode.BINARY, hex("ff ff ff ff")));
        assertThrows(IllegalStateException.class, () -> deflate.compress(ByteBuffer.allocate(10)));
    }
}
