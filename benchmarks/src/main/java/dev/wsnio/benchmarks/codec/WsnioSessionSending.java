package dev.wsnio.benchmarks.codec;

import dev.wsnio.frame.CloseBody;
import dev.wsnio.frame.MaskKeyGenerator;
import dev.wsnio.frame.MessageType;
import dev.wsnio.frame.Role;
import dev.wsnio.frame.SessionListener;
import dev.wsnio.frame.WebSocketProtocolException;
import dev.wsnio.frame.WebSocketSession;
import java.nio.ByteBuffer;

/**
 * wsnio's whole send path short of the socket: {@link WebSocketSession#sendMessage} (state
 * checks, header, masking key) into the transport's handling of header and payload
 * ({@link SocketBoundSink}).
 */
public final class WsnioSessionSending implements WireEncoder {

    private final WebSocketSession session;
    private final SocketBoundSink sink;

    /**
     * Creates an open session.
     *
     * @param sender the role of the sending endpoint (a client masks)
     * @param largestPayload the longest payload that will be sent
     */
    public WsnioSessionSending(Role sender, int largestPayload) {
        this.sink = new SocketBoundSink(largestPayload);
        MaskKeyGenerator keys = sender.masksOutgoing() ? new MaskKeyGenerator() : null;
        SessionListener ignoring = new SessionListener() {
            @Override
            public void onMessage(MessageType type, ByteBuffer payload, boolean last) {
            }

            @Override
            public void onCloseReceived(CloseBody body) {
            }

            @Override
            public void onProtocolError(WebSocketProtocolException error) {
            }
        };
        this.session = new WebSocketSession(sender, WsnioSessionReceiving.CONFIG, null, keys,
                ignoring, sink);
    }

    @Override
    public long send(ByteBuffer payload) {
        session.sendMessage(MessageType.BINARY, payload);
        return sink.bytesOut();
    }
}
