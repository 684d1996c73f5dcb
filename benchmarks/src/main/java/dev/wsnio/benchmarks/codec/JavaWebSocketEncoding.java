package dev.wsnio.benchmarks.codec;

import java.nio.ByteBuffer;
import java.util.List;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.Role;
import org.java_websocket.framing.Framedata;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Java-WebSocket's send path, as {@code WebSocketImpl.send(ByteBuffer)} takes it:
 * {@link Draft_6455#createFrames} makes the frame, {@link Draft_6455#createBinaryFrame}
 * encodes it into a new heap buffer holding header and payload (masked byte by byte, with a
 * SecureRandom key, for a client).
 */
public final class JavaWebSocketEncoding implements WireEncoder {

    private final Draft_6455 draft = new Draft_6455();
    private final boolean masked;
    private final Blackhole blackhole;

    /**
     * Creates the draft.
     *
     * @param masked whether frames are masked (a client's)
     * @param blackhole where encoded buffers go
     */
    public JavaWebSocketEncoding(boolean masked, Blackhole blackhole) {
        this.masked = masked;
        this.blackhole = blackhole;
        draft.setParseMode(masked ? Role.CLIENT : Role.SERVER); // the draft masks as a client
    }

    @Override
    public long send(ByteBuffer payload) {
        int payloadStart = payload.position();
        List<Framedata> frames = draft.createFrames(payload, masked);
        long bytesOut = 0;
        for (int i = 0; i < frames.size(); i++) {
            ByteBuffer encoded = draft.createBinaryFrame(frames.get(i));
            bytesOut += encoded.remaining();
            blackhole.consume(encoded);
        }
        payload.position(payloadStart);
        return bytesOut;
    }
}
