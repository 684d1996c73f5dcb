package dev.wsnio.frame;

import static dev.wsnio.frame.FrameBuilder.binary;
import static dev.wsnio.frame.FrameBuilder.close;
import static dev.wsnio.frame.FrameBuilder.emptyClose;
import static dev.wsnio.frame.FrameBuilder.pattern;
import static dev.wsnio.frame.FrameBuilder.ping;
import static dev.wsnio.frame.FrameBuilder.rawOpcode;
import static dev.wsnio.frame.FrameBuilder.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The session state machine: RFC 6455 §5.5 (control frames), §7 (closing), §5.3 (masking). */
class WebSocketSessionTest {

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static SessionHarness harness(Role role) {
        return SessionHarness.of(role, SessionConfig.DEFAULTS);
    }

    // ---------------------------------------------------------------- states

    @ParameterizedTest
    @EnumSource(Role.class)
    void startsOpen(Role role) {
        SessionHarness h = harness(role);
        assertEquals(SessionState.OPEN, h.session.state());
        assertSame(role, h.session.role());
        assertTrue(h.session.canSend());
        assertFalse(h.session.shouldCloseTransport());
        assertNull(h.session.closeSent());
        assertNull(h.session.closeReceived());
        assertNull(h.session.failure());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void closeMovesOpenToClosingAndThePeersCloseToClosed(Role role) {
        SessionHarness h = harness(role);
        assertTrue(h.session.close(new CloseBody(1000, "done")));
        assertEquals(SessionState.CLOSING, h.session.state());
        assertFalse(h.session.canSend());
        assertEquals(List.of(close(1000, "done").expected()), h.sent());
        assertEquals(new CloseBody(1000, "done"), h.session.closeSent());

        h.receive(close(1000, "ok"));
        assertEquals(SessionState.CLOSED, h.session.state());
        assertEquals(List.of(close(1000, "done").expected()), h.sent(), "the peer's close is not answered");
        assertEquals(List.of("close 1000 ok"), h.listener.events);
        assertEquals(1000, h.session.closeCode());
        assertEquals("ok", h.session.closeReason());
    }

    @Test
    void closeDoesNothingOnceAClosingHandshakeHasStarted() {
        SessionHarness h = harness(Role.SERVER);
        assertTrue(h.session.close(CloseBody.EMPTY));
        assertFalse(h.session.close(new CloseBody(1001, "")));
        h.receive(emptyClose());
        assertFalse(h.session.close(new CloseBody(1001, "")));
        assertEquals(List.of(emptyClose().expected()), h.sent());
    }

    @Test
    void messagesStillArriveWhileClosing() {
        SessionHarness h = harness(Role.SERVER);
        h.session.close(new CloseBody(1001, ""));
        h.receive(text("late"), close(1000, ""));
        assertEquals(List.of("message TEXT late", "close 1000"), h.listener.events);
    }

    // ---------------------------------------------------------------- ping and pong (§5.5.2, §5.5.3)

    @ParameterizedTest
    @EnumSource(Role.class)
    void answersEveryPingWithAPongCarryingTheSameData(Role role) {
        SessionHarness h = harness(role);
        h.receive(ping("one"), ping(""), FrameBuilder.frame(Opcode.PING).payload(pattern(125)));
        assertEquals(List.of(FrameBuilder.pong("one").expected(), FrameBuilder.pong("").expected(),
                FrameBuilder.frame(Opcode.PONG).payload(pattern(125)).expected()), h.sent());
        assertEquals("ping one", h.listener.events.get(0));
    }

    @Test
    void pongsAreReportedAndNotAnswered() {
        SessionHarness h = harness(Role.CLIENT);
        h.receive(FrameBuilder.pong("beat"));
        assertEquals(List.of("pong beat"), h.listener.events);
        assertTrue(h.sent().isEmpty());
    }

    @Test
    void pingAfterOurCloseIsNotAnswered() {
        SessionHarness h = harness(Role.SERVER);
        h.session.close(new CloseBody(1000, ""));
        h.receive(ping("still there?"));
        assertEquals(List.of("ping still there?"), h.listener.events);
        assertEquals(List.of(close(1000, "").expected()), h.sent(), "only our close frame");
    }

    // ---------------------------------------------------------------- close handshake (§5.5.1, §7)

    @ParameterizedTest
    @EnumSource(Role.class)
    void peersCloseIsAnsweredEchoingItsCode(Role role) {
        SessionHarness h = harness(role);
        h.receive(close(4001, "bye now"));
        assertEquals(List.of(close(4001, "").expected()), h.sent());
        assertEquals(SessionState.CLOSED, h.session.state());
        assertEquals(List.of(new CloseBody(4001, "bye now")), h.listener.closes);
        assertEquals(new CloseBody(4001, "bye now"), h.session.closeReceived());
        assertEquals(new CloseBody(4001, ""), h.session.closeSent());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void emptyCloseIsAnsweredWithAnEmptyClose(Role role) {
        SessionHarness h = harness(role);
        h.receive(emptyClose());
        assertEquals(List.of(emptyClose().expected()), h.sent());
        assertEquals(CloseCode.NO_STATUS_RECEIVED, h.session.closeCode());
        assertEquals("", h.session.closeReason());
    }

    @Test
    void framesAfterThePeersCloseInTheSameInputAreIgnored() {
        SessionHarness h = harness(Role.SERVER);
        ByteBuffer input = ByteBuffer.wrap(h.wire(close(1000, ""), text("after"), ping("after"),
                rawOpcode(0x3)));
        h.session.receive(input);
        assertEquals(List.of("close 1000"), h.listener.events);
        assertEquals(List.of(close(1000, "").expected()), h.sent(), "nothing but the close answer");
        assertFalse(input.hasRemaining());
    }

    @Test
    void inputAfterTheSessionClosedIsDiscarded() {
        SessionHarness h = harness(Role.CLIENT);
        h.receive(emptyClose());
        ByteBuffer later = ByteBuffer.wrap(h.wire(ping("x"), text("y")));
        h.session.receive(later);
        assertFalse(later.hasRemaining());
        assertEquals(List.of("close 1005"), h.listener.events);
        assertEquals(1, h.sent().size());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void nothingCanBeSentAfterOurCloseOrOnceClosed(Role role) {
        SessionHarness h = harness(role);
        h.session.close(new CloseBody(1000, ""));
        assertSendsRefused(h);
        h.receive(close(1000, ""));
        assertSendsRefused(h);
        assertEquals(1, h.sent().size(), "only our close frame went out");
    }

    @Test
    void nothingCanBeSentAfterAnsweringThePeersClose() {
        SessionHarness h = harness(Role.SERVER);
        h.receive(close(1001, ""));
        assertSendsRefused(h);
        assertEquals(1, h.sent().size());
    }

    private static void assertSendsRefused(SessionHarness h) {
        WebSocketSession s = h.session;
        assertFalse(s.canSend());
        assertThrows(IllegalStateException.class, () -> s.sendMessage(MessageType.TEXT, utf8("x")));
        assertThrows(IllegalStateException.class, () -> s.sendFragment(MessageType.BINARY, utf8("x"), false));
        assertThrows(IllegalStateException.class, () -> s.sendPing(utf8("x")));
        assertThrows(IllegalStateException.class, () -> s.sendPong(utf8("x")));
        assertFalse(s.close(new CloseBody(1000, "")));
    }

    // ---------------------------------------------------------------- failing the connection (§7.1.7)

    @ParameterizedTest
    @EnumSource(Role.class)
    void protocolErrorSendsACloseWithItsCodeAndReasonOnceAndDiscardsLaterInput(Role role) {
        SessionHarness h = harness(role);
        h.receive(text("before"), rawOpcode(0x4), text("after"));
        assertEquals(List.of("message TEXT before", "error RESERVED_OPCODE"), h.listener.events);
        assertEquals(List.of(new CloseBody(1002, "reserved opcode")), h.sink.closeFrames());
        assertEquals(SessionState.CLOSED, h.session.state());
        assertEquals(ProtocolError.RESERVED_OPCODE, h.session.failure().error());

        h.receive(rawOpcode(0x5), ping("x"), text("more"));
        assertEquals(2, h.listener.events.size(), "no further events");
        assertEquals(1, h.sent().size(), "no further frames");
    }

    @Test
    void protocolErrorWhileClosingSendsNoSecondClose() {
        SessionHarness h = harness(Role.SERVER);
        h.session.close(new CloseBody(1000, ""));
        h.receive(FrameBuilder.continuation("orphan"));
        assertEquals(List.of("error UNEXPECTED_CONTINUATION"), h.listener.events);
        assertEquals(List.of(new CloseBody(1000, "")), h.sink.closeFrames());
        assertEquals(SessionState.CLOSED, h.session.state());
    }

    @Test
    void invalidUtf8SendsCloseWithInvalidPayloadData() {
        SessionHarness h = harness(Role.SERVER);
        h.receive(text(Hex.bytes("ED A0 80")));
        assertEquals(List.of(new CloseBody(1007, "invalid UTF-8 in text message")), h.sink.closeFrames());
    }

    /** Feeds the frames in one direct buffer, as a transport's read buffer. */
    private static void receiveDirect(SessionHarness h, FrameBuilder... frames) {
        byte[] wire = h.wire(frames);
        h.session.receive(ByteBuffer.allocateDirect(wire.length).put(wire).flip());
    }

    @Test
    void aWholeTextMessageInADirectBufferIsDeliveredFromTheTextWorkspace() {
        SessionHarness h = harness(Role.SERVER);
        h.session.receiveTextInto(new TextWorkspace());
        receiveDirect(h, text("héllo"), binary(new byte[] {1, 2}), text("wörld"));
        assertEquals(List.of("message TEXT héllo", "message BINARY 2 bytes", "message TEXT wörld"), h.listener.events);
        List<RecordingListener.Delivery> deliveries = h.listener.deliveries;
        assertTrue(deliveries.get(0).buffer().hasArray(), "text: an array, the workspace's");
        assertSame(deliveries.get(0).buffer(), deliveries.get(2).buffer(), "the same workspace for each message");
        assertFalse(deliveries.get(1).buffer().hasArray(), "binary: lent where it arrived");
    }

    @Test
    void invalidUtf8CopiedToTheTextWorkspaceIsStillRefusedWith1007() {
        SessionHarness h = harness(Role.SERVER);
        h.session.receiveTextInto(new TextWorkspace());
        receiveDirect(h, text(Hex.bytes("68 69 ED A0 80")));
        assertEquals(List.of(new CloseBody(1007, "invalid UTF-8 in text message")), h.sink.closeFrames());
        assertTrue(h.listener.deliveries.isEmpty());
    }

    @Test
    void invalidUtf8InAFragmentOfAGatheredMessageIsRefusedAtThatFragment() {
        SessionHarness h = harness(Role.SERVER);
        h.receiveSeparately(text("ok so far").fin(false), FrameBuilder.continuation(Hex.bytes("C0 80")).fin(false));
        assertEquals(List.of(new CloseBody(1007, "invalid UTF-8 in text message")), h.sink.closeFrames());
        assertTrue(h.listener.deliveries.isEmpty());
    }

    @Test
    void peersCloseWithAnInvalidCodeFailsWithProtocolError() {
        for (int code : new int[] {1005, 1006, 999, 2000, 5000}) {
            SessionHarness h = harness(Role.SERVER);
            h.receive(close(code, ""));
            assertEquals(List.of("error INVALID_CLOSE_CODE"), h.listener.events);
            assertEquals(List.of(new CloseBody(1002, "invalid close code")), h.sink.closeFrames(), "code " + code);
            assertNull(h.session.closeReceived());
        }
    }

    @Test
    void peersCloseWithAOneByteBodyFailsWithProtocolError() {
        SessionHarness h = harness(Role.CLIENT);
        h.receive(FrameBuilder.frame(Opcode.CLOSE).payload(Hex.bytes("03")));
        assertEquals(List.of(new CloseBody(1002, "invalid close frame")), h.sink.closeFrames());
    }

    @Test
    void peersCloseWithAnInvalidUtf8ReasonFailsWithInvalidPayloadData() {
        SessionHarness h = harness(Role.CLIENT);
        h.receive(FrameBuilder.frame(Opcode.CLOSE).payload(Hex.bytes("03 E8 C0 80")));
        assertEquals(List.of("error INVALID_CLOSE_REASON"), h.listener.events);
        assertEquals(List.of(new CloseBody(1007, "invalid close reason")), h.sink.closeFrames());
    }

    @Test
    void listenerThrowingSendsInternalErrorCloseAndTheExceptionPropagates() {
        SessionHarness h = harness(Role.SERVER);
        IllegalStateException bug = new IllegalStateException("application bug");
        h.listener.throwOnMessage(bug);
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> h.receive(text("boom"), text("next")));
        assertSame(bug, thrown);
        assertEquals(List.of(new CloseBody(CloseCode.INTERNAL_ERROR, "")), h.sink.closeFrames());
        assertEquals(SessionState.CLOSED, h.session.state());
        assertTrue(h.listener.errors.isEmpty());
        assertEquals(1, h.listener.deliveries.size(), "the rest of the input was not processed");

        h.receive(text("later"));
        assertEquals(1, h.listener.deliveries.size());
        assertEquals(1, h.sent().size());
    }

    @Test
    void listenerThrowingWhileClosingSendsNoSecondClose() {
        SessionHarness h = harness(Role.SERVER);
        h.session.close(new CloseBody(1001, ""));
        h.listener.throwOnMessage(new IllegalArgumentException("bug"));
        assertThrows(IllegalArgumentException.class, () -> h.receive(text("boom")));
        assertEquals(List.of(new CloseBody(1001, "")), h.sink.closeFrames());
        assertEquals(SessionState.CLOSED, h.session.state());
    }

    // ---------------------------------------------------------------- masking (§5.3)

    @Test
    void clientFramesAreMaskedWithAFreshKeyEachAndUnmaskBackToThePayload() {
        SessionHarness h = harness(Role.CLIENT);
        h.session.sendMessage(MessageType.TEXT, utf8("Hello"));
        h.session.sendMessage(MessageType.TEXT, utf8("Hello"));
        h.session.sendPing(utf8("p"));
        h.session.close(new CloseBody(1000, "bye"));

        assertEquals(List.of(0x00010203, 0x04050607, 0x08090A0B, 0x0C0D0E0F), h.sink.maskKeys);
        assertEquals(List.of(text("Hello").expected(), text("Hello").expected(), ping("p").expected(),
                close(1000, "bye").expected()), h.sent());
        byte[] wire = h.sink.wire();
        assertEquals(0x85, wire[1] & 0xFF, "MASK bit and length 5");
        assertArrayEquals(Hex.bytes("00 01 02 03"), Arrays.copyOfRange(wire, 2, 6), "key in the header");
        assertNotEquals("Hello", new String(wire, 6, 5, StandardCharsets.US_ASCII), "payload masked on the wire");
        assertNotEquals(Arrays.toString(Arrays.copyOfRange(wire, 6, 11)),
                Arrays.toString(Arrays.copyOfRange(wire, 17, 22)),
                "the same message masks differently with a fresh key");
    }

    @Test
    void clientPongIsMaskedToo() {
        SessionHarness h = harness(Role.CLIENT);
        h.receive(ping("x"));
        assertEquals(List.of(0x00010203), h.sink.maskKeys);
        assertEquals(List.of(FrameBuilder.pong("x").expected()), h.sent());
    }

    @Test
    void serverFramesAreNotMasked() {
        SessionHarness h = harness(Role.SERVER);
        h.session.sendMessage(MessageType.BINARY, ByteBuffer.wrap(pattern(3)));
        assertArrayEquals(FrameBuilder.concat(Hex.bytes("82 03"), pattern(3)), h.sink.wire());
    }

    @Test
    void sendMessageHandsTheApplicationBufferToTheSinkWithoutCopyingOrChangingIt() {
        SessionHarness h = harness(Role.CLIENT);
        ByteBuffer payload = ByteBuffer.wrap(pattern(64));
        h.session.sendMessage(MessageType.BINARY, payload);
        assertSame(payload, h.sink.payloadBuffers.get(0));
        assertArrayEquals(pattern(64), payload.array(), "a client's masking does not touch the buffer");
        assertEquals(0, payload.position());
    }

    @Test
    void clientSessionNeedsAMaskKeyGenerator() {
        assertThrows(IllegalArgumentException.class, () -> new WebSocketSession(Role.CLIENT, SessionConfig.DEFAULTS,
                null, null, new RecordingListener(), new CollectingSink(Role.CLIENT)));
    }

    // ---------------------------------------------------------------- closing the transport

    @Test
    void serverClosesTheTransportOnceTheSessionIsClosed() {
        SessionHarness h = harness(Role.SERVER);
        h.session.close(new CloseBody(1000, ""));
        assertFalse(h.session.shouldCloseTransport(), "still waiting for the client's close");
        h.receive(close(1000, ""));
        assertTrue(h.session.shouldCloseTransport());
    }

    @Test
    void serverClosesTheTransportAfterAnsweringTheClientsClose() {
        SessionHarness h = harness(Role.SERVER);
        h.receive(close(1000, ""));
        assertTrue(h.session.shouldCloseTransport());
    }

    @Test
    void clientLeavesClosingTheTransportToTheServerAfterACleanClose() {
        SessionHarness h = harness(Role.CLIENT);
        h.receive(close(1000, ""));
        assertEquals(SessionState.CLOSED, h.session.state());
        assertFalse(h.session.shouldCloseTransport(), "§7.1.1: the server closes the TCP connection first");
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void eitherRoleClosesTheTransportAfterAProtocolError(Role role) {
        SessionHarness h = harness(role);
        h.receive(rawOpcode(0xB));
        assertTrue(h.session.shouldCloseTransport());
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void eitherRoleClosesTheTransportAfterTheStreamEnded(Role role) {
        SessionHarness h = harness(role);
        h.session.receiveEndOfStream();
        assertEquals(SessionState.CLOSED, h.session.state());
        assertTrue(h.session.shouldCloseTransport(), "the peer is gone: nothing left to wait for");
        assertTrue(h.sent().isEmpty());
    }

    // ---------------------------------------------------------------- close code reported (§7.1.5)

    @Test
    void closeCodeIsAbnormalClosureWhenNoCloseFrameArrived() {
        SessionHarness open = harness(Role.CLIENT);
        open.session.receiveEndOfStream();
        assertEquals(CloseCode.ABNORMAL_CLOSURE, open.session.closeCode());
        assertEquals("", open.session.closeReason());

        SessionHarness failed = harness(Role.SERVER);
        failed.receive(rawOpcode(0x3));
        assertEquals(CloseCode.ABNORMAL_CLOSURE, failed.session.closeCode());

        SessionHarness closing = harness(Role.SERVER);
        closing.session.close(new CloseBody(1000, ""));
        closing.session.receiveEndOfStream();
        assertEquals(CloseCode.ABNORMAL_CLOSURE, closing.session.closeCode());
    }

    @Test
    void closeCodeIsNoStatusReceivedForAnEmptyCloseBody() {
        SessionHarness h = harness(Role.CLIENT);
        h.receive(emptyClose());
        assertEquals(CloseCode.NO_STATUS_RECEIVED, h.session.closeCode());
    }

    // ---------------------------------------------------------------- sending fragments (§5.4)

    @Test
    void fragmentsUseTheMessageOpcodeFirstThenContinuationAndFinOnlyOnTheLast() {
        SessionHarness h = harness(Role.SERVER);
        h.session.sendFragment(MessageType.TEXT, utf8("a"), false);
        h.session.sendPing(utf8("between"));
        h.session.sendFragment(MessageType.TEXT, utf8("b"), false);
        h.session.sendFragment(MessageType.TEXT, utf8("c"), true);
        h.session.sendFragment(MessageType.BINARY, ByteBuffer.wrap(pattern(2)), true);
        assertEquals(List.of(text("a").notFinal().expected(), ping("between").expected(),
                FrameBuilder.continuation("b").notFinal().expected(), FrameBuilder.continuation("c").expected(),
                binary(pattern(2)).expected()), h.sent());
    }

    @Test
    void changingTheTypeInsideAFragmentedMessageIsRefused() {
        SessionHarness h = harness(Role.SERVER);
        h.session.sendFragment(MessageType.TEXT, utf8("a"), false);
        assertThrows(IllegalStateException.class,
                () -> h.session.sendFragment(MessageType.BINARY, utf8("b"), true));
        assertEquals(1, h.sent().size());
        h.session.sendFragment(MessageType.TEXT, utf8("b"), true);
        assertEquals(FrameBuilder.continuation("b").expected(), h.sent().get(1));
    }

    @Test
    void wholeMessageInsideAFragmentedMessageIsRefused() {
        SessionHarness h = harness(Role.SERVER);
        h.session.sendFragment(MessageType.BINARY, utf8("a"), false);
        assertThrows(IllegalStateException.class, () -> h.session.sendMessage(MessageType.BINARY, utf8("b")));
        assertEquals(1, h.sent().size());
    }

    // ---------------------------------------------------------------- control frame payloads (§5.5)

    @Test
    void pingOrPongDataOver125BytesIsRejected() {
        SessionHarness h = harness(Role.CLIENT);
        assertThrows(IllegalArgumentException.class, () -> h.session.sendPing(ByteBuffer.wrap(pattern(126))));
        assertThrows(IllegalArgumentException.class, () -> h.session.sendPong(ByteBuffer.wrap(pattern(126))));
        assertTrue(h.sent().isEmpty());
        h.session.sendPing(ByteBuffer.wrap(pattern(125)));
        h.session.sendPong(ByteBuffer.wrap(pattern(125)));
        assertEquals(2, h.sent().size());
    }

    @Test
    void pingDataIsCopied() {
        SessionHarness h = harness(Role.SERVER);
        ByteBuffer data = utf8("abc");
        h.session.sendPing(data);
        assertNotSame(data, h.sink.payloadBuffers.get(0));
        assertEquals(0, data.position(), "the caller's buffer is not consumed");
    }

    // ---------------------------------------------------------------- compression extension state

    @Test
    void compressedSendSetsRsv1AndUncompressedFragmentsDoNot() {
        RepeatingCompression compression = new RepeatingCompression(1, true);
        SessionHarness h = new SessionHarness(Role.SERVER, SessionConfig.DEFAULTS, compression);
        h.session.sendMessage(MessageType.TEXT, utf8("squeeze"));
        h.session.sendFragment(MessageType.TEXT, utf8("raw"), true);
        assertEquals(List.of(text("squeeze").rsv(FrameHeader.RSV1).expected(), text("raw").expected()), h.sent());
    }

    @Test
    void compressionStateIsReleasedExactlyOnce() {
        RepeatingCompression compression = new RepeatingCompression(1, false);
        SessionHarness h = new SessionHarness(Role.CLIENT, SessionConfig.DEFAULTS, compression);
        assertEquals(0, compression.releases);
        h.receive(close(1000, ""));
        h.session.receiveEndOfStream();
        assertEquals(1, compression.releases);

        RepeatingCompression failing = new RepeatingCompression(1, false);
        SessionHarness f = new SessionHarness(Role.SERVER, SessionConfig.DEFAULTS, failing);
        f.receive(rawOpcode(0x3));
        f.session.receiveEndOfStream();
        assertEquals(1, failing.releases);
    }

    // ---------------------------------------------------------------- partial input

    @Test
    void tellsWhetherAFrameOrAFragmentedMessageIsIncomplete() {
        SessionHarness h = harness(Role.SERVER);
        assertFalse(h.session.isReceivingPartially());
        byte[] frame = h.wire(text("hello"));
        h.receiveBytes(Arrays.copyOf(frame, 1)); // one byte of a header
        assertTrue(h.session.isReceivingPartially(), "inside a frame header");
        h.receiveBytes(Arrays.copyOfRange(frame, 1, frame.length - 2));
        assertTrue(h.session.isReceivingPartially(), "inside a payload");
        h.receiveBytes(Arrays.copyOfRange(frame, frame.length - 2, frame.length));
        assertFalse(h.session.isReceivingPartially(), "at a frame and message boundary");
        h.receive(text("first").notFinal());
        assertTrue(h.session.isReceivingPartially(), "between the fragments of a message");
        h.receive(ping("in between"));
        assertTrue(h.session.isReceivingPartially(), "a control frame does not end the message");
        h.receive(FrameBuilder.continuation("last"));
        assertFalse(h.session.isReceivingPartially());
    }
}
