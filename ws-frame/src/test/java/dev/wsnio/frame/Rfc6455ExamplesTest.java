package dev.wsnio.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worked examples of RFC 6455 §5.7, byte for byte, through a client session. */
class Rfc6455ExamplesTest {

    private final List<String> events = new ArrayList<>();
    private CollectingSink sent;

    private WebSocketSession session(Role role) {
        SessionListener listener = new SessionListener() {
            @Override
            public void onMessage(MessageType type, ByteBuffer payload, boolean last) {
                byte[] bytes = new byte[payload.remaining()];
                payload.get(bytes);
                events.add(type + ":" + (type == MessageType.TEXT
                        ? new String(bytes, StandardCharsets.UTF_8) : bytes.length + " bytes"));
            }

            @Override
            public void onPing(ByteBuffer payload) {
                events.add("ping:" + StandardCharsets.UTF_8.decode(payload));
            }

            @Override
            public void onPong(ByteBuffer payload) {
                events.add("pong:" + StandardCharsets.UTF_8.decode(payload));
            }

            @Override
            public void onCloseReceived(CloseBody body) {
                events.add("close:" + body.code());
            }

            @Override
            public void onProtocolError(WebSocketProtocolException error) {
                events.add("error:" + error.error());
            }
        };
        sent = new CollectingSink(role);
        return new WebSocketSession(role, SessionConfig.DEFAULTS, null, new MaskKeyGenerator(), listener, sent);
    }

    private static ByteBuffer bytes(int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length);
        for (int v : values) {
            buffer.put((byte) v);
        }
        return buffer.flip();
    }

    @Test
    void singleFrameUnmaskedText() {
        session(Role.CLIENT).receive(bytes(0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f));
        assertEquals(List.of("TEXT:Hello"), events);
    }

    @Test
    void singleFrameMaskedText() {
        session(Role.SERVER).receive(bytes(0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58));
        assertEquals(List.of("TEXT:Hello"), events);
    }

    @Test
    void fragmentedUnmaskedText() {
        WebSocketSession session = session(Role.CLIENT);
        session.receive(bytes(0x01, 0x03, 0x48, 0x65, 0x6c));
        session.receive(bytes(0x80, 0x02, 0x6c, 0x6f));
        assertEquals(List.of("TEXT:Hello"), events);
    }

    @Test
    void unmaskedPingIsAnsweredWithMaskedPong() {
        WebSocketSession session = session(Role.CLIENT);
        session.receive(bytes(0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f));
        assertEquals(List.of("ping:Hello"), events);
        byte[] pong = sent.wire();
        assertEquals(0x8A, pong[0] & 0xFF);
        assertEquals(0x85, pong[1] & 0xFF);
        // unmask with the key the client chose and compare with the RFC's "Hello"
        ByteBuffer payload = ByteBuffer.wrap(pong, 6, 5).slice();
        int key = ByteBuffer.wrap(pong, 2, 4).getInt();
        Masking.maskInPlace(payload, 0, 5, key, 0);
        assertEquals("Hello", StandardCharsets.UTF_8.decode(payload).toString());
    }

    @Test
    void binaryLengths256And65536() {
        WebSocketSession session = session(Role.CLIENT);
        ByteBuffer frame256 = ByteBuffer.allocate(4 + 256).put(bytes(0x82, 0x7E, 0x01, 0x00));
        session.receive(frame256.position(0));
        ByteBuffer frame64k = ByteBuffer.allocate(10 + 65536)
                .put(bytes(0x82, 0x7F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00));
        session.receive(frame64k.position(0));
        assertEquals(List.of("BINARY:256 bytes", "BINARY:65536 bytes"), events);
    }

    @Test
    void serverAnswersCloseEchoingCode() {
        WebSocketSession session = session(Role.SERVER);
        session.receive(bytes(0x88, 0x82, 0, 0, 0, 0, 0x03, 0xE8));
        assertEquals(List.of("close:1000"), events);
        assertEquals(SessionState.CLOSED, session.state());
        byte[] reply = sent.wire();
        assertEquals(List.of(0x88, 0x02, 0x03, 0xE8),
                List.of(reply[0] & 0xFF, reply[1] & 0xFF, reply[2] & 0xFF, reply[3] & 0xFF));
    }
}
