package dev.wsnio.frame;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A {@link WebSocketSession} with permessage-deflate for tests: records what the listener gets
 * and what the session sends, and writes frames the way a peer would.
 */
final class PerMessageDeflateHarness {

    /** Decompressed messages (text as strings, binary as hex), errors and closes, in order. */
    final List<String> events = new ArrayList<>();
    /** Whole messages as bytes, in order (streamed pieces are joined). */
    final List<byte[]> messages = new ArrayList<>();
    /** The frames the session sent, as bytes on the wire. */
    final CollectingSink sent;
    final WebSocketSession session;
    private final Role peer;
    private final ByteArrayOutputStream streamed = new ByteArrayOutputStream();
    private int nextMaskKey = 0x37FA213D;

    PerMessageDeflateHarness(Role role, SessionConfig config, MessageCompression compression) {
        this.peer = role == Role.SERVER ? Role.CLIENT : Role.SERVER;
        SessionListener listener = new SessionListener() {
            @Override
            public void onMessage(MessageType type, ByteBuffer payload, boolean last) {
                byte[] bytes = new byte[payload.remaining()];
                payload.get(bytes);
                streamed.writeBytes(bytes);
                if (!last) {
                    return;
                }
                byte[] whole = streamed.toByteArray();
                streamed.reset();
                messages.add(whole);
                events.add(type == MessageType.TEXT
                        ? "TEXT:" + new String(whole, StandardCharsets.UTF_8)
                        : "BINARY:" + HexFormat.of().formatHex(whole));
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
        this.sent = new CollectingSink(role);
        this.session = new WebSocketSession(role, config, compression, new MaskKeyGenerator(),
                listener, sent);
    }

    /** A frame as the peer sends it (masked when the peer is a client). */
    byte[] frame(boolean fin, boolean rsv1, Opcode opcode, byte[] payload) {
        boolean masked = peer.masksOutgoing();
        int key = nextMaskKey++;
        ByteBuffer frame = ByteBuffer.allocate(FrameHeader.length(payload.length, masked) + payload.length);
        FrameHeader.write(frame, fin, rsv1 ? FrameHeader.RSV1 : 0, opcode, payload.length, masked, key);
        if (masked) {
            Masking.copyMasked(ByteBuffer.wrap(payload), frame, key, 0);
        } else {
            frame.put(payload);
        }
        return frame.array();
    }

    /** Feeds bytes to the session as one read. */
    void receive(byte[] bytes) {
        session.receive(ByteBuffer.wrap(bytes));
    }

    /** The bytes of a hex string such as {@code "f2 48 cd"}. */
    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }
}
