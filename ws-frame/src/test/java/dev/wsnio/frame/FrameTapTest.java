package dev.wsnio.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link FrameTap}: what a session and its decoder show of the frames they read and write, in
 * wire order, taken from the codec's own work rather than a second parse.
 */
class FrameTapTest {

    /** The browser's {@code 你好服务器} frame of the tour (§4). */
    private static final String BROWSER_TEXT = "81 8F 81 0B 0E 41 65 B6 AE A4 24 B6 E8 DD 0C EE 84 E0 64 92 A6";

    /** Writes every call as a line, buffers as hex. */
    private static final class RecordingTap implements FrameTap {
        final List<String> calls = new ArrayList<>();

        @Override
        public void onFrameHeader(Direction direction, FrameHeader header, ByteBuffer wire) {
            calls.add(direction + " header " + header + " wire " + hex(wire));
        }

        @Override
        public void onPayloadBeforeUnmasking(ByteBuffer masked) {
            calls.add("RECEIVED masked " + hex(masked));
        }

        @Override
        public void onFramePayload(Direction direction, ByteBuffer payload) {
            calls.add(direction + " payload " + hex(payload));
        }

        @Override
        public void onMessageData(Direction direction, MessageType type, ByteBuffer data, boolean last) {
            calls.add(direction + " message " + type + " " + StandardCharsets.UTF_8.decode(data) + (last ? "" : " (more)"));
        }

        private static String hex(ByteBuffer buffer) {
            assertTrue(buffer.isReadOnly(), "the tap gets read-only views");
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return Hex.of(bytes);
        }
    }

    @Test
    void receivedMaskedFrameShowsItsWireHeaderMaskedPayloadUnmaskedPayloadAndMessage() {
        SessionHarness server = SessionHarness.server();
        RecordingTap tap = new RecordingTap();
        server.session.tap(tap);

        server.receiveBytes(Hex.bytes(BROWSER_TEXT));

        assertEquals(List.of(
                "RECEIVED header FrameHeader[fin=true, rsv=0, opcode=TEXT, masked=true, maskKey=" + 0x810B0E41
                        + ", payloadLength=15] wire 81 8F 81 0B 0E 41",
                "RECEIVED masked 65 B6 AE A4 24 B6 E8 DD 0C EE 84 E0 64 92 A6",
                "RECEIVED payload E4 BD A0 E5 A5 BD E6 9C 8D E5 8A A1 E5 99 A8",
                "RECEIVED message TEXT 你好服务器"), tap.calls);
        assertEquals(List.of("message TEXT 你好服务器"), server.listener.events, "the application sees the same");
    }

    @Test
    void payloadSplitAcrossReadsIsShownSliceBySliceWithTheMaskAtTheRightOffset() {
        SessionHarness server = SessionHarness.server();
        RecordingTap tap = new RecordingTap();
        server.session.tap(tap);
        byte[] frame = Hex.bytes(BROWSER_TEXT);

        server.session.receive(ByteBuffer.wrap(frame, 0, 9));
        server.session.receive(ByteBuffer.wrap(frame, 9, frame.length - 9));

        assertEquals(List.of(
                "RECEIVED masked 65 B6 AE",
                "RECEIVED payload E4 BD A0",
                "RECEIVED masked A4 24 B6 E8 DD 0C EE 84 E0 64 92 A6",
                "RECEIVED payload E5 A5 BD E6 9C 8D E5 8A A1 E5 99 A8",
                "RECEIVED message TEXT 你好服务器"), tap.calls.subList(1, tap.calls.size()));
    }

    @Test
    void wireHeaderKeepsTheLengthEncodingThePeerChose() {
        SessionHarness server = SessionHarness.server();
        RecordingTap tap = new RecordingTap();
        server.session.tap(tap);

        // "Hi" with a 16-bit length: not minimal, still valid (RFC 6455 §5.2 does not require it)
        server.receive(FrameBuilder.text("Hi").lengthForm(FrameBuilder.LengthForm.BITS_16));

        assertTrue(tap.calls.get(0).endsWith("payloadLength=2] wire 81 FE 00 02 37 FA 21 3D"), tap.calls.get(0));
    }

    @Test
    void sentFramesShowTheEncodedHeaderAndPayloadAndPingIsAnsweredAfterItIsShown() {
        SessionHarness server = SessionHarness.server();
        RecordingTap tap = new RecordingTap();
        server.session.tap(tap);

        server.receive(FrameBuilder.ping("abc"));

        assertEquals(List.of(
                "RECEIVED header FrameHeader[fin=true, rsv=0, opcode=PING, masked=true, maskKey=" + FrameBuilder.DEFAULT_MASK_KEY
                        + ", payloadLength=3] wire 89 83 37 FA 21 3D",
                "RECEIVED masked 56 98 42",
                "RECEIVED payload 61 62 63",
                "SENT header FrameHeader[fin=true, rsv=0, opcode=PONG, masked=false, maskKey=0, payloadLength=3] wire 8A 03",
                "SENT payload 61 62 63"), tap.calls);
    }

    @Test
    void fragmentsAreShownFrameByFrameWithTheirMessageData() {
        SessionHarness server = SessionHarness.server();
        RecordingTap tap = new RecordingTap();
        server.session.tap(tap);

        server.session.sendFragment(MessageType.TEXT, ByteBuffer.wrap("Hel".getBytes(StandardCharsets.UTF_8)), false);
        server.session.sendFragment(MessageType.TEXT, ByteBuffer.wrap("lo".getBytes(StandardCharsets.UTF_8)), true);

        assertEquals(List.of(
                "SENT header FrameHeader[fin=false, rsv=0, opcode=TEXT, masked=false, maskKey=0, payloadLength=3] wire 01 03",
                "SENT payload 48 65 6C",
                "SENT message TEXT Hel (more)",
                "SENT header FrameHeader[fin=true, rsv=0, opcode=CONTINUATION, masked=false, maskKey=0, payloadLength=2] wire 80 02",
                "SENT payload 6C 6F",
                "SENT message TEXT lo"), tap.calls);
    }

    @Test
    void compressedMessagesShowTheCompressedPayloadAndTheInflatedData() {
        PerMessageDeflate compression = new PerMessageDeflate(Role.CLIENT, PerMessageDeflateParameters.DEFAULTS,
                PerMessageDeflateConfig.DEFAULTS.withCompressionThreshold(0).withSkipIncompressible(false));
        SessionHarness client = new SessionHarness(Role.CLIENT, SessionConfig.DEFAULTS, compression);
        RecordingTap tap = new RecordingTap();
        client.session.tap(tap);

        // RFC 7692 §7.2.3.1: "Hello" compressed, from a server
        client.receiveBytes(Hex.bytes("C1 07 F2 48 CD C9 C9 07 00"));
        client.session.sendMessage(MessageType.TEXT, ByteBuffer.wrap("Hello".getBytes(StandardCharsets.UTF_8)));

        assertEquals("RECEIVED header FrameHeader[fin=true, rsv=64, opcode=TEXT, masked=false, maskKey=0, payloadLength=7]"
                + " wire C1 07", tap.calls.get(0));
        assertEquals("RECEIVED payload F2 48 CD C9 C9 07 00", tap.calls.get(1));
        assertEquals("RECEIVED message TEXT Hello", tap.calls.get(2));
        assertTrue(tap.calls.get(3).startsWith("SENT header FrameHeader[fin=true, rsv=64, opcode=TEXT, masked=true"),
                tap.calls.get(3));
        assertEquals("SENT payload F2 48 CD C9 C9 07 00", tap.calls.get(4), "before masking, which the transport does");
        assertEquals("SENT message TEXT Hello", tap.calls.get(5));
    }

    @Test
    void closeFromThePeerIsShownBeforeTheAnswer() {
        SessionHarness server = SessionHarness.server();
        RecordingTap tap = new RecordingTap();
        server.session.tap(tap);

        server.receive(FrameBuilder.close(1000, ""));

        assertEquals(5, tap.calls.size(), tap.calls.toString());
        assertTrue(tap.calls.get(0).startsWith("RECEIVED header FrameHeader[fin=true, rsv=0, opcode=CLOSE"));
        assertEquals("RECEIVED payload 03 E8", tap.calls.get(2));
        assertEquals("SENT header FrameHeader[fin=true, rsv=0, opcode=CLOSE, masked=false, maskKey=0, payloadLength=2]"
                + " wire 88 02", tap.calls.get(3));
        assertEquals("SENT payload 03 E8", tap.calls.get(4));
    }

    @Test
    void aRemovedTapSeesNothingMore() {
        SessionHarness server = SessionHarness.server();
        RecordingTap tap = new RecordingTap();
        server.session.tap(tap);
        server.receive(FrameBuilder.text("one"));
        int seen = tap.calls.size();

        server.session.tap(FrameTap.NONE);
        server.receive(FrameBuilder.text("two"));
        server.session.sendMessage(MessageType.TEXT, ByteBuffer.wrap(new byte[] {'3'}));

        assertEquals(seen, tap.calls.size());
        assertEquals(List.of("TEXT one", "TEXT two"), server.listener.messages());
    }

    @Test
    void aTapIsToldOnceWhenItStartsAndSeesNoFrameFromBefore() {
        SessionHarness server = SessionHarness.server();
        server.receive(FrameBuilder.text("before"));
        List<String> calls = new ArrayList<>();
        server.session.tap(new FrameTap() {
            @Override
            public void onAttached() {
                calls.add("attached");
            }

            @Override
            public void onFrameHeader(Direction direction, FrameHeader header, ByteBuffer wire) {
                calls.add(direction + " " + header.opcode());
            }
        });

        server.receive(FrameBuilder.text("after"));
        server.session.sendMessage(MessageType.TEXT, ByteBuffer.wrap(new byte[] {'3'}));

        assertEquals(List.of("attached", "RECEIVED TEXT", "SENT TEXT"), calls);
        assertEquals(List.of("TEXT before", "TEXT after"), server.listener.messages());
    }
}
