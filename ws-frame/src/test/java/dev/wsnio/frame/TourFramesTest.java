package dev.wsnio.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The frames that docs/tour.md takes apart byte by byte, as recorded on the wire between
 * headless Chromium and the demo server (docs/tools/WireTap.java): each is decoded here by our
 * own decoder and session, which must find what the tour says it holds, and each must still
 * appear in the tour exactly as written here. If the code or the tour changes, this test says
 * which one to fix.
 */
class TourFramesTest {

    private static final Path TOUR = Path.of("../docs/tour.md");

    /** The browser's {@code socket.send('你好服务器')}: masked with the key 81 0B 0E 41. */
    private static final String BROWSER_TEXT =
            "81 8F 81 0B 0E 41 65 B6 AE A4 24 B6 E8 DD 0C EE 84 E0 64 92 A6";
    /** Its payload once unmasked: the UTF-8 of 你好服务器, the tour's "XOR" line. */
    private static final String BROWSER_TEXT_UNMASKED = "E4 BD A0 E5 A5 BD E6 9C 8D E5 8A A1 E5 99 A8";
    /** The demo's answer, shown in the tour in lines of 16 bytes. */
    private static final List<String> SERVER_REPLY_LINES = List.of(
            "81 2A 7B 22 74 79 70 65 22 3A 22 72 65 70 6C 79",
            "22 2C 22 74 65 78 74 22 3A 22 E4 BD A0 E5 A5 BD",
            "2C E5 AE A2 E6 88 B7 E7 AB AF 22 7D");
    /** The header of a 179-byte metrics push: the 16-bit length form. */
    private static final String METRICS_HEADER = "81 7E 00 B3";
    private static final String METRICS_JSON = "{\"type\":\"metrics\",\"time\":1795683642429,\"cpu\":100.0,"
            + "\"cpuSource\":\"whole machine\",\"heapUsed\":12505088,\"heapMax\":6320816128,\"clients\":1,"
            + "\"messagesPerSecond\":4.1,\"ordersPerMinute\":82.5}";
    /** The server's heartbeat, 8 bytes of data. */
    private static final String SERVER_PING = "89 08 00 00 02 05 F9 81 E4 09";
    private static final String PING_DATA = "00 00 02 05 F9 81 E4 09";
    /** The browser's automatic answer, masked with D9 B2 84 40. */
    private static final String BROWSER_PONG = "8A 88 D9 B2 84 40 D9 B2 86 45 20 33 60 49";
    /** The browser's {@code socket.close(1000, 'closed by the user')}, masked with 98 57 0E DD. */
    private static final String BROWSER_CLOSE =
            "88 94 98 57 0E DD 9B BF 6D B1 F7 24 6B B9 B8 35 77 FD EC 3F 6B FD ED 24 6B AF";
    /** The server's answer: close 1000, no reason. */
    private static final String SERVER_CLOSE = "88 02 03 E8";
    /** RFC 6455 §5.7: "Hello" in two unmasked fragments. */
    private static final String RFC_FIRST_FRAGMENT = "01 03 48 65 6C";
    private static final String RFC_LAST_FRAGMENT = "80 02 6C 6F";
    /** RFC 7692 §7.2.3.1: "Hello" compressed, RSV1 set. */
    private static final String RFC_COMPRESSED_HELLO = "C1 07 F2 48 CD C9 C9 07 00";

    @Test
    void browsersTextFrameIsOneMaskedFrameOfFifteenBytesOfUtf8() throws WebSocketProtocolException {
        byte[] wire = Hex.bytes(BROWSER_TEXT);
        assertEquals(0x80, wire[1] & FrameHeader.MASK, "MASK bit");
        assertEquals(15, wire[1] & 0x7F, "7-bit length");

        DecodedFrame frame = decodeOne(Role.SERVER, wire);

        assertEquals(new DecodedFrame(true, 0, Opcode.TEXT, Hex.bytes(BROWSER_TEXT_UNMASKED)), frame);
        assertEquals("你好服务器", new String(frame.payload(), StandardCharsets.UTF_8));
        assertEquals(6, FrameHeader.length(15, true), "2 header bytes and a 4-byte key");
    }

    @Test
    void browsersTextFrameReachesAServerSessionAsOneTextMessage() {
        SessionHarness server = SessionHarness.server();
        server.receiveBytes(Hex.bytes(BROWSER_TEXT));
        assertEquals(List.of("TEXT 你好服务器"), server.listener.messages());
    }

    @Test
    void serversReplyIsAnUnmaskedTextFrameOfFortyTwoBytes() throws WebSocketProtocolException {
        byte[] wire = Hex.bytes(String.join(" ", SERVER_REPLY_LINES));
        assertEquals(44, wire.length);

        DecodedFrame frame = decodeOne(Role.CLIENT, wire);

        assertTrue(frame.fin());
        assertEquals(Opcode.TEXT, frame.opcode());
        assertEquals("{\"type\":\"reply\",\"text\":\"你好,客户端\"}",
                new String(frame.payload(), StandardCharsets.UTF_8));
    }

    @Test
    void metricsPushCarriesItsLengthInTheSixteenBitField() throws WebSocketProtocolException {
        byte[] json = METRICS_JSON.getBytes(StandardCharsets.UTF_8);
        assertEquals(0xB3, json.length);
        ByteBuffer wire = ByteBuffer.allocate(4 + json.length).put(Hex.bytes(METRICS_HEADER)).put(json).flip();
        RecordingFrameHandler handler = new RecordingFrameHandler();

        new FrameDecoder(Role.CLIENT, SessionConfig.DEFAULT_MAX_FRAME_SIZE).decode(wire, handler);

        assertEquals(List.of(new DecodedFrame(true, 0, Opcode.TEXT, json)), handler.frames);
        assertEquals(4, FrameHeader.length(json.length, false));
    }

    @Test
    void browserAnswersThePingWithThePongOurClientSessionSends() throws WebSocketProtocolException {
        SessionHarness client = SessionHarness.of(Role.CLIENT, SessionConfig.DEFAULTS);
        client.receiveBytes(Hex.bytes(SERVER_PING));

        assertEquals(List.of(new DecodedFrame(true, 0, Opcode.PONG, Hex.bytes(PING_DATA))), client.sent());
        assertEquals(new DecodedFrame(true, 0, Opcode.PONG, Hex.bytes(PING_DATA)),
                decodeOne(Role.SERVER, Hex.bytes(BROWSER_PONG)));
    }

    @Test
    void browsersCloseIsAnsweredWithExactlyTheServersCloseFrame() {
        SessionHarness server = SessionHarness.server();

        server.receiveBytes(Hex.bytes(BROWSER_CLOSE));

        assertEquals(List.of(new CloseBody(CloseCode.NORMAL_CLOSURE, "closed by the user")), server.listener.closes);
        assertEquals(SERVER_CLOSE, Hex.of(server.sink.wire()));
        assertEquals(SessionState.CLOSED, server.session.state());
        assertTrue(server.session.shouldCloseTransport(), "the server closes TCP first (§7.1.1)");
    }

    @Test
    void clientSessionWaitsForTheServersTcpCloseAfterTheServersCloseFrame() {
        SessionHarness client = SessionHarness.of(Role.CLIENT, SessionConfig.DEFAULTS);
        client.session.close(new CloseBody(CloseCode.NORMAL_CLOSURE, "closed by the user"));

        client.receiveBytes(Hex.bytes(SERVER_CLOSE));

        assertEquals(SessionState.CLOSED, client.session.state());
        assertFalse(client.session.shouldCloseTransport());
    }

    @Test
    void rfcFragmentedHelloIsOneMessage() {
        SessionHarness client = SessionHarness.of(Role.CLIENT, SessionConfig.DEFAULTS);
        client.receiveBytes(Hex.bytes(RFC_FIRST_FRAGMENT + " " + RFC_LAST_FRAGMENT));
        assertEquals(List.of("TEXT Hello"), client.listener.messages());
    }

    @Test
    void rfcCompressedHelloHasRsv1AndInflatesToHello() {
        PerMessageDeflate compression = new PerMessageDeflate(Role.CLIENT, PerMessageDeflateParameters.DEFAULTS,
                PerMessageDeflateConfig.DEFAULTS);
        SessionHarness client = new SessionHarness(Role.CLIENT, SessionConfig.DEFAULTS, compression);

        client.receiveBytes(Hex.bytes(RFC_COMPRESSED_HELLO));

        assertEquals(FrameHeader.FIN | FrameHeader.RSV1 | Opcode.TEXT.code(), Hex.bytes(RFC_COMPRESSED_HELLO)[0] & 0xFF);
        assertEquals(List.of("TEXT Hello"), client.listener.messages());
    }

    @Test
    void tourShowsExactlyTheseBytes() throws IOException {
        String tour = Files.readString(TOUR);
        List<String> lines = new ArrayList<>(List.of(BROWSER_TEXT, BROWSER_TEXT_UNMASKED,
                METRICS_HEADER, METRICS_JSON.substring(0, METRICS_JSON.indexOf("100.0,") + 6), SERVER_PING, PING_DATA, BROWSER_PONG, BROWSER_CLOSE, SERVER_CLOSE,
                RFC_FIRST_FRAGMENT, RFC_LAST_FRAGMENT, RFC_COMPRESSED_HELLO));
        lines.addAll(SERVER_REPLY_LINES);
        for (String line : lines) {
            assertTrue(tour.contains(line), "docs/tour.md no longer shows " + line);
        }
    }

    private static DecodedFrame decodeOne(Role receiver, byte[] wire) throws WebSocketProtocolException {
        RecordingFrameHandler handler = new RecordingFrameHandler();
        FrameDecoder decoder = new FrameDecoder(receiver, SessionConfig.DEFAULT_MAX_FRAME_SIZE);
        decoder.decode(ByteBuffer.wrap(wire), handler);
        assertTrue(decoder.isAtFrameBoundary(), "the bytes are exactly one frame");
        assertEquals(1, handler.frames.size());
        return handler.frames.get(0);
    }
}
