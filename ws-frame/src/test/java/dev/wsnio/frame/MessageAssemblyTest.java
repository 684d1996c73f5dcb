package dev.wsnio.frame;

import static dev.wsnio.frame.FrameBuilder.binary;
import static dev.wsnio.frame.FrameBuilder.continuation;
import static dev.wsnio.frame.FrameBuilder.pattern;
import static dev.wsnio.frame.FrameBuilder.ping;
import static dev.wsnio.frame.FrameBuilder.pong;
import static dev.wsnio.frame.FrameBuilder.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.frame.RecordingListener.Delivery;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RFC 6455 §5.4 (fragmentation), §8.1 (UTF-8) and the configured limits, as a
 * {@link WebSocketSession} assembles frames into messages, in both delivery modes.
 */
class MessageAssemblyTest {

    private static SessionHarness server(DeliveryMode mode) {
        return SessionHarness.of(Role.SERVER, SessionConfig.DEFAULTS.withDeliveryMode(mode));
    }

    private static SessionHarness server(SessionConfig config) {
        return SessionHarness.of(Role.SERVER, config);
    }

    // ---------------------------------------------------------------- sequence rules (§5.4)

    @ParameterizedTest
    @EnumSource(DeliveryMode.class)
    void continuationWithoutAMessageInProgressFailsWithProtocolError(DeliveryMode mode) {
        SessionHarness h = server(mode);
        h.receive(continuation("x"));
        assertFailed(h, ProtocolError.UNEXPECTED_CONTINUATION, 1002);
        assertTrue(h.listener.deliveries.isEmpty());
    }

    @ParameterizedTest
    @EnumSource(DeliveryMode.class)
    void continuationAfterAFinishedMessageFailsWithProtocolError(DeliveryMode mode) {
        SessionHarness h = server(mode);
        h.receive(text("done"), continuation("more"));
        assertEquals(List.of("TEXT done"), h.listener.messages());
        assertFailed(h, ProtocolError.UNEXPECTED_CONTINUATION, 1002);
    }

    @ParameterizedTest
    @EnumSource(DeliveryMode.class)
    void newDataFrameInsideAFragmentedMessageFailsWithProtocolError(DeliveryMode mode) {
        for (FrameBuilder intruder : new FrameBuilder[] {text("new"), binary(pattern(3)), text("x").notFinal()}) {
            SessionHarness h = server(mode);
            h.receive(text("start").notFinal(), intruder);
            assertFailed(h, ProtocolError.EXPECTED_CONTINUATION, 1002);
            assertTrue(h.listener.messages().isEmpty());
        }
    }

    @Test
    void controlFramesBetweenFragmentsAreDeliveredInOrderWithWholeMessages() {
        SessionHarness h = server(DeliveryMode.WHOLE_MESSAGES);
        h.receive(text("Hel").notFinal(), ping("p1"), continuation("l").notFinal(), pong("p2"), continuation("o"));
        assertEquals(List.of("ping p1", "pong p2", "message TEXT Hello"), h.listener.events);
        assertEquals(List.of(FrameBuilder.pong("p1").expected()), h.sent());
    }

    @Test
    void controlFramesBetweenFragmentsAreDeliveredInOrderWhenStreaming() {
        SessionHarness h = server(DeliveryMode.STREAMING);
        h.receiveSeparately(text("Hel").notFinal(), ping("p1"), continuation("l").notFinal(), pong("p2"),
                continuation("o"));
        assertEquals(List.of("message TEXT Hel (more)", "ping p1", "message TEXT l (more)", "pong p2",
                "message TEXT o"), h.listener.events);
    }

    @ParameterizedTest
    @EnumSource(DeliveryMode.class)
    void emptyFragmentsAreAllowedAnywhereInAMessage(DeliveryMode mode) {
        SessionHarness h = server(mode);
        h.receive(text("").notFinal(), continuation("").notFinal(), continuation("abc").notFinal(), continuation(""));
        assertEquals(List.of("TEXT abc"), h.listener.messages());
        assertEquals(1, h.listener.lastFlags());
        assertTrue(h.listener.errors.isEmpty());
    }

    @ParameterizedTest
    @EnumSource(DeliveryMode.class)
    void emptyMessagesAreDelivered(DeliveryMode mode) {
        SessionHarness h = server(mode);
        h.receive(text(""), binary(new byte[0]));
        assertEquals(List.of("TEXT ", "BINARY 0 bytes"), h.listener.messages());
        assertEquals(2, h.listener.deliveries.size());
    }

    @ParameterizedTest
    @EnumSource(DeliveryMode.class)
    void thousandsOfOneByteFragmentsMakeOneMessage(DeliveryMode mode) {
        int count = 5000;
        byte[] payload = pattern(count);
        FrameBuilder[] frames = new FrameBuilder[count];
        frames[0] = binary(new byte[] {payload[0]}).notFinal();
        for (int i = 1; i < count; i++) {
            frames[i] = continuation(new byte[] {payload[i]}).fin(i == count - 1);
        }
        SessionHarness h = server(mode);
        h.receive(frames);
        assertTrue(h.listener.errors.isEmpty());
        assertArrayEquals(payload, joined(h.listener.deliveries));
        assertEquals(1, h.listener.lastFlags());
        assertEquals(mode == DeliveryMode.STREAMING ? count : 1, h.listener.deliveries.size());
    }

    // ---------------------------------------------------------------- limits

    @ParameterizedTest
    @EnumSource(DeliveryMode.class)
    void messageOverMaxMessageSizeFailsFromTheHeaderBeforeItsPayload(DeliveryMode mode) {
        SessionHarness h = server(SessionConfig.DEFAULTS.withDeliveryMode(mode).withMaxMessageSize(1000));
        h.receiveBytes(binary(new byte[0]).declaredLength(1001).maskedFor(Role.SERVER).header());
        assertFailed(h, ProtocolError.MESSAGE_TOO_BIG, 1009);
    }

    @ParameterizedTest
    @EnumSource(DeliveryMode.class)
    void fragmentThatWouldTakeTheMessageOverMaxSizeFailsFromItsHeader(DeliveryMode mode) {
        SessionHarness h = server(SessionConfig.DEFAULTS.withDeliveryMode(mode).withMaxMessageSize(1000));
        h.receive(binary(pattern(600)).notFinal());
        assertTrue(h.listener.errors.isEmpty());
        h.receiveBytes(continuation(new byte[0]).declaredLength(401).maskedFor(Role.SERVER).header());
        assertFailed(h, ProtocolError.MESSAGE_TOO_BIG, 1009);
        assertEquals(mode == DeliveryMode.STREAMING ? 600 : 0, joined(h.listener.deliveries).length);
    }

    @ParameterizedTest
    @EnumSource(DeliveryMode.class)
    void messageOfExactlyMaxMessageSizeIsAccepted(DeliveryMode mode) {
        SessionHarness h = server(SessionConfig.DEFAULTS.withDeliveryMode(mode).withMaxMessageSize(1000));
        h.receive(binary(pattern(600)).notFinal(), continuation(pattern(400)), binary(pattern(1000)));
        assertEquals(List.of("BINARY 1000 bytes", "BINARY 1000 bytes"), h.listener.messages());
        assertTrue(h.listener.errors.isEmpty());
    }

    @ParameterizedTest
    @EnumSource(DeliveryMode.class)
    void messageInMoreFragmentsThanAllowedFailsWithPolicyViolation(DeliveryMode mode) {
        SessionHarness h = server(SessionConfig.DEFAULTS.withDeliveryMode(mode).withMaxFragmentsPerMessage(3));
        h.receive(text("a").notFinal(), continuation("b").notFinal(), continuation("c").notFinal());
        assertTrue(h.listener.errors.isEmpty());
        h.receive(continuation("d"));
        assertFailed(h, ProtocolError.TOO_MANY_FRAGMENTS, 1008);
        assertTrue(h.listener.messages().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(DeliveryMode.class)
    void fragmentLimitCountsEachMessageAfreshAndIgnoresControlFrames(DeliveryMode mode) {
        SessionHarness h = server(SessionConfig.DEFAULTS.withDeliveryMode(mode).withMaxFragmentsPerMessage(3));
        h.receive(text("a").notFinal(), ping("1"), continuation("b").notFinal(), ping("2"), continuation("c"),
                binary(pattern(1)).notFinal(), continuation(pattern(1)).notFinal(), continuation(pattern(1)));
        assertEquals(List.of("TEXT abc", "BINARY 3 bytes"), h.listener.messages());
        assertTrue(h.listener.errors.isEmpty());
    }

    // ---------------------------------------------------------------- UTF-8 (§8.1)

    @ParameterizedTest
    @EnumSource(DeliveryMode.class)
    void invalidByteInTheFirstFragmentFailsBeforeTheFinalFragmentArrives(DeliveryMode mode) {
        SessionHarness h = server(mode);
        h.receive(text(Hex.bytes("61 62 FF 63")).notFinal());
        assertFailed(h, ProtocolError.INVALID_UTF8, 1007);
        assertTrue(h.listener.deliveries.isEmpty(), "nothing of an invalid message is delivered");
    }

    @ParameterizedTest
    @EnumSource(DeliveryMode.class)
    void invalidByteFailsBeforeTheRestOfItsFrameArrives(DeliveryMode mode) {
        byte[] payload = new byte[100];
        Arrays.fill(payload, (byte) 'a');
        payload[5] = (byte) 0xC0;
        byte[] wire = text(payload).masked(0x12345678).bytes();
        SessionHarness h = server(mode);
        h.session.receive(ByteBuffer.wrap(wire, 0, 6 + 10)); // header and 10 payload bytes
        assertFailed(h, ProtocolError.INVALID_UTF8, 1007);
    }

    @ParameterizedTest
    @EnumSource(DeliveryMode.class)
    void textEndingInsideACodePointFailsWithInvalidPayloadData(DeliveryMode mode) {
        List<FrameBuilder[]> endings = List.of(
                new FrameBuilder[] {text(Hex.bytes("61 E2 82"))},
                new FrameBuilder[] {text("a").notFinal(), continuation(Hex.bytes("F0 9F 98"))},
                new FrameBuilder[] {text(Hex.bytes("61 C3")).notFinal(), continuation("")});
        for (FrameBuilder[] frames : endings) {
            SessionHarness h = server(mode);
            h.receive(frames);
            assertFailed(h, ProtocolError.INVALID_UTF8, 1007);
            assertEquals(0, h.listener.lastFlags(), "no message was completed");
        }
    }

    @ParameterizedTest
    @EnumSource(DeliveryMode.class)
    void aCodePointMaySpanFragments(DeliveryMode mode) {
        SessionHarness h = server(mode);
        h.receive(text(Hex.bytes("61 E2")).notFinal(), continuation(Hex.bytes("82")).notFinal(),
                continuation(Hex.bytes("AC 62")));
        assertEquals(List.of("TEXT a€b"), h.listener.messages());
    }

    @ParameterizedTest
    @EnumSource(DeliveryMode.class)
    void binaryMessagesAreNotValidatedAsUtf8(DeliveryMode mode) {
        SessionHarness h = server(mode);
        h.receive(binary(Hex.bytes("FF C0 80 ED A0 80")));
        assertEquals(List.of("BINARY 6 bytes"), h.listener.messages());
        assertTrue(h.listener.errors.isEmpty());
    }

    // ---------------------------------------------------------------- zero copy

    @ParameterizedTest
    @EnumSource(DeliveryMode.class)
    void singleFrameMessageInOneInputIsDeliveredAsAViewOfTheInput(DeliveryMode mode) {
        for (Role role : Role.values()) {
            SessionHarness h = SessionHarness.of(role, SessionConfig.DEFAULTS.withDeliveryMode(mode));
            byte[] first = binary(pattern(300)).maskedFor(role).bytes();
            byte[] wire = FrameBuilder.concat(first, text("second").maskedFor(role).bytes());
            ByteBuffer input = ByteBuffer.wrap(wire);
            h.session.receive(input);

            assertEquals(2, h.listener.deliveries.size());
            Delivery binary = h.listener.deliveries.get(0);
            assertSame(wire, binary.buffer().array(), role + ": shares the input's backing array");
            assertEquals(first.length - 300, binary.buffer().arrayOffset() + binary.position(),
                    role + ": starts where the payload sits in the input");
            assertArrayEquals(pattern(300), binary.bytes());
            Delivery text = h.listener.deliveries.get(1);
            assertSame(wire, text.buffer().array());
            assertEquals(wire.length - 6, text.buffer().arrayOffset() + text.position());
        }
    }

    @Test
    void messageSplitAcrossInputsIsGatheredAndSurvivesReuseOfTheInputBuffer() {
        SessionHarness h = server(DeliveryMode.WHOLE_MESSAGES);
        byte[] wire = binary(pattern(1000)).masked(0x5A5A1234).bytes();
        byte[] readBuffer = new byte[600]; // like a transport reusing its read buffer
        System.arraycopy(wire, 0, readBuffer, 0, 600);
        h.session.receive(ByteBuffer.wrap(readBuffer, 0, 600));
        Arrays.fill(readBuffer, (byte) 0);
        System.arraycopy(wire, 600, readBuffer, 0, wire.length - 600);
        h.session.receive(ByteBuffer.wrap(readBuffer, 0, wire.length - 600));

        assertEquals(1, h.listener.deliveries.size());
        assertArrayEquals(pattern(1000), h.listener.deliveries.get(0).bytes());
        assertNotSame(readBuffer, h.listener.deliveries.get(0).buffer().array());
    }

    @Test
    void fragmentedMessageSurvivesReuseOfTheInputBuffer() {
        SessionHarness h = server(DeliveryMode.WHOLE_MESSAGES);
        byte[] readBuffer = new byte[64];
        for (FrameBuilder frame : new FrameBuilder[] {text("abc").notFinal(), continuation("def").notFinal(),
                continuation("ghi")}) {
            byte[] wire = frame.maskedFor(Role.SERVER).bytes();
            Arrays.fill(readBuffer, (byte) 'X');
            System.arraycopy(wire, 0, readBuffer, 0, wire.length);
            h.session.receive(ByteBuffer.wrap(readBuffer, 0, wire.length));
        }
        assertEquals(List.of("TEXT abcdefghi"), h.listener.messages());
    }

    // ---------------------------------------------------------------- streaming

    @Test
    void streamingDeliversPiecesAsTheyArriveWithLastExactlyOncePerMessage() {
        SessionHarness h = server(DeliveryMode.STREAMING);
        byte[] single = binary(pattern(50)).masked(1).bytes(); // 6-byte header
        h.session.receive(ByteBuffer.wrap(single, 0, 20));
        h.session.receive(ByteBuffer.wrap(single, 20, 20));
        h.session.receive(ByteBuffer.wrap(single, 40, single.length - 40));
        h.receiveSeparately(text("ab").notFinal(), continuation("cd").notFinal(), continuation(""));
        h.receive(text("whole"));

        List<String> pieces = new ArrayList<>();
        for (Delivery delivery : h.listener.deliveries) {
            pieces.add(delivery.bytes().length + (delivery.last() ? " last" : ""));
        }
        assertEquals(List.of("14", "20", "16 last", "2", "2", "0 last", "5 last"), pieces);
        assertEquals(3, h.listener.lastFlags());
        assertEquals(List.of("BINARY 50 bytes", "TEXT abcd", "TEXT whole"), h.listener.messages());
    }

    @Test
    void streamingHoldsNoPayloadBetweenPieces() {
        SessionHarness h = server(DeliveryMode.STREAMING);
        byte[] wire = binary(pattern(100)).masked(1).bytes();
        h.session.receive(ByteBuffer.wrap(wire, 0, 56));
        Delivery first = h.listener.deliveries.get(0);
        assertSame(wire, first.buffer().array(), "the piece is a view of the input, not a copy");
        assertEquals(50, first.bytes().length);
    }

    // ---------------------------------------------------------------- control frames

    @Test
    void controlFrameSplitAcrossInputsIsDeliveredWhole() {
        SessionHarness h = server(DeliveryMode.WHOLE_MESSAGES);
        byte[] wire = ping("hello").masked(0x01020304).bytes();
        for (int i = 0; i < wire.length; i++) {
            h.session.receive(ByteBuffer.wrap(wire, i, 1));
        }
        assertEquals(List.of("ping hello"), h.listener.events);
        assertEquals(List.of(pong("hello").expected()), h.sent());
    }

    // ---------------------------------------------------------------- with a compression extension

    @ParameterizedTest
    @EnumSource(DeliveryMode.class)
    void compressedMessageIsDeliveredDecompressed(DeliveryMode mode) {
        RepeatingCompression compression = new RepeatingCompression(3, false);
        SessionHarness h = new SessionHarness(Role.SERVER, SessionConfig.DEFAULTS.withDeliveryMode(mode), compression);
        h.receive(text("ab").rsv(FrameHeader.RSV1).notFinal(), ping("p"), continuation("c"), text("plain"));
        assertEquals(List.of("TEXT aaabbbccc", "TEXT plain"), h.listener.messages());
        assertEquals(1, compression.finishedMessages);
        assertEquals(2, h.listener.lastFlags());
    }

    @ParameterizedTest
    @EnumSource(DeliveryMode.class)
    void compressedMessageOverMaxSizeAfterDecompressionFailsBeforeItIsAllInflated(DeliveryMode mode) {
        RepeatingCompression compression = new RepeatingCompression(100, false);
        SessionConfig config = SessionConfig.DEFAULTS.withDeliveryMode(mode).withMaxMessageSize(1000);
        SessionHarness h = new SessionHarness(Role.SERVER, config, compression);
        h.receive(binary(pattern(50)).rsv(FrameHeader.RSV1)); // inflates to 5000 bytes
        assertFailed(h, ProtocolError.MESSAGE_TOO_BIG, 1009);
        assertTrue(joined(h.listener.deliveries).length <= 1000);
    }

    @ParameterizedTest
    @EnumSource(DeliveryMode.class)
    void compressedTextIsValidatedAfterDecompression(DeliveryMode mode) {
        RepeatingCompression compression = new RepeatingCompression(2, false);
        SessionHarness h = new SessionHarness(Role.SERVER, SessionConfig.DEFAULTS.withDeliveryMode(mode), compression);
        h.receive(text(Hex.bytes("C3")).rsv(FrameHeader.RSV1)); // C3 C3: invalid only once inflated
        assertFailed(h, ProtocolError.INVALID_UTF8, 1007);
    }

    @Test
    void compressedBitWithoutANegotiatedExtensionFailsWithProtocolError() {
        SessionHarness h = SessionHarness.server();
        h.receive(text("x").rsv(FrameHeader.RSV1));
        assertFailed(h, ProtocolError.RESERVED_BITS_SET, 1002);
    }

    @Test
    void compressedBitOnAContinuationFrameFailsWithProtocolError() {
        SessionHarness h = new SessionHarness(Role.SERVER, SessionConfig.DEFAULTS, new RepeatingCompression(1, false));
        h.receive(text("x").notFinal(), continuation("y").rsv(FrameHeader.RSV1));
        assertFailed(h, ProtocolError.COMPRESSED_BIT_MISPLACED, 1002);
    }

    // ---------------------------------------------------------------- helpers

    /** The session reported exactly this error once and sent exactly one close frame with its code. */
    static void assertFailed(SessionHarness h, ProtocolError error, int closeCode) {
        assertEquals(List.of(error), h.listener.errors.stream().map(WebSocketProtocolException::error).toList());
        assertEquals(closeCode, error.closeCode());
        assertEquals(List.of(new CloseBody(closeCode, error.reason())), h.sink.closeFrames());
        assertEquals(SessionState.CLOSED, h.session.state());
    }

    private static byte[] joined(List<Delivery> deliveries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Delivery delivery : deliveries) {
            out.writeBytes(delivery.bytes());
        }
        return out.toByteArray();
    }
}
