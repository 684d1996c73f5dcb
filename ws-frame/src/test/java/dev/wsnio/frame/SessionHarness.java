package dev.wsnio.frame;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A {@link WebSocketSession} wired to a {@link RecordingListener} and a {@link CollectingSink},
 * with helpers that feed it frames as its peer would send them (masked for a server).
 */
final class SessionHarness {

    final Role role;
    final RecordingListener listener = new RecordingListener();
    final CollectingSink sink;
    final WebSocketSession session;

    SessionHarness(Role role, SessionConfig config, MessageCompression compression) {
        this.role = role;
        this.sink = new CollectingSink(role);
        this.session = new WebSocketSession(role, config, compression,
                new MaskKeyGenerator(new SequentialRandom()), listener, sink);
    }

    static SessionHarness server() {
        return new SessionHarness(Role.SERVER, SessionConfig.DEFAULTS, null);
    }

    static SessionHarness of(Role role, SessionConfig config) {
        return new SessionHarness(role, config, null);
    }

    /** The frames as the peer sends them to this session: masked when this is a server. */
    byte[] wire(FrameBuilder... frames) {
        byte[][] parts = new byte[frames.length][];
        for (int i = 0; i < frames.length; i++) {
            parts[i] = frames[i].maskedFor(role).bytes();
        }
        return FrameBuilder.concat(parts);
    }

    /** Feeds all the frames in one input. */
    void receive(FrameBuilder... frames) {
        receiveBytes(wire(frames));
    }

    /** Feeds each frame as an input of its own. */
    void receiveSeparately(FrameBuilder... frames) {
        for (FrameBuilder frame : frames) {
            receive(frame);
        }
    }

    /** Feeds raw bytes in one input. */
    void receiveBytes(byte[] bytes) {
        session.receive(ByteBuffer.wrap(bytes));
    }

    /** The frames this session has sent, as its peer decodes them. */
    List<DecodedFrame> sent() {
        return sink.frames();
    }
}
