package dev.wsnio.benchmarks.codec;

import dev.wsnio.frame.CloseBody;
import dev.wsnio.frame.MaskKeyGenerator;
import dev.wsnio.frame.MessageType;
import dev.wsnio.frame.Role;
import dev.wsnio.frame.SessionConfig;
import dev.wsnio.frame.SessionListener;
import dev.wsnio.frame.WebSocketProtocolException;
import dev.wsnio.frame.WebSocketSession;
import java.nio.ByteBuffer;
import org.openjdk.jmh.infra.Blackhole;

/**
 * wsnio's whole receive path: a {@link WebSocketSession} (decoder, message assembly, UTF-8
 * validation of text, control-frame handling) reading from a direct buffer, delivering whole
 * messages to a listener that hands them to a {@link Blackhole}.
 */
public final class WsnioSessionReceiving implements WireDecoder, SessionListener {

    /** Limits raised to 64 MiB, as in the benchmark echo server. */
    static final SessionConfig CONFIG = SessionConfig.DEFAULTS
            .withMaxFrameSize(64 << 20).withMaxMessageSize(64 << 20);

    private final WebSocketSession session;
    private final ByteBuffer readBuffer;
    private final Blackhole blackhole;
    private long payloadBytes;

    /**
     * Creates an open session and its read buffer.
     *
     * @param receiver the role of the receiving endpoint
     * @param capacity the read buffer's size: at least the longest wire input
     * @param blackhole where messages (and anything the session would send) go
     */
    public WsnioSessionReceiving(Role receiver, int capacity, Blackhole blackhole) {
        this.blackhole = blackhole;
        this.readBuffer = ByteBuffer.allocateDirect(capacity);
        MaskKeyGenerator keys = receiver.masksOutgoing() ? new MaskKeyGenerator() : null;
        this.session = new WebSocketSession(receiver, CONFIG, null, keys, this,
                (header, payload, masked, maskKey) -> blackhole.consume(header));
    }

    @Override
    public long receive(byte[] wire) {
        readBuffer.clear();
        readBuffer.put(wire).flip();
        payloadBytes = 0;
        session.receive(readBuffer);
        return payloadBytes;
    }

    @Override
    public void onMessage(MessageType type, ByteBuffer payload, boolean last) {
        payloadBytes += payload.remaining();
        blackhole.consume(payload);
    }

    @Override
    public void onCloseReceived(CloseBody body) {
        throw new IllegalStateException("benchmark input holds no close frame");
    }

    @Override
    public void onProtocolError(WebSocketProtocolException error) {
        throw new IllegalStateException("benchmark input was rejected", error);
    }
}
