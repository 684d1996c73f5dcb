package dev.wsnio.frame;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link FrameSink} that does what a transport would: copies the header, masks the payload on
 * its way out when asked to (without touching the caller's buffer), and appends both to the
 * bytes "on the wire". The wire can then be decoded back into frames as the peer would see them.
 */
final class CollectingSink implements FrameSink {

    private final Role sender;
    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    /** The masking key of every frame sent, in order (0 when unmasked). */
    final List<Integer> maskKeys = new ArrayList<>();
    /** The payload buffer object of every frame sent, in order. */
    final List<ByteBuffer> payloadBuffers = new ArrayList<>();

    /**
     * @param sender the role of the session whose frames this sink takes
     */
    CollectingSink(Role sender) {
        this.sender = sender;
    }

    @Override
    public void sendFrame(ByteBuffer header, ByteBuffer payload, boolean masked, int maskKey) {
        if (masked != sender.masksOutgoing()) {
            throw new AssertionError("a " + sender + " must " + (masked ? "not " : "") + "mask its frames");
        }
        ByteBuffer headerBytes = header.duplicate();
        byte[] headerCopy = new byte[headerBytes.remaining()];
        headerBytes.get(headerCopy);
        ByteBuffer out = ByteBuffer.allocate(payload.remaining());
        if (masked) {
            Masking.copyMasked(payload.duplicate(), out, maskKey, 0);
        } else {
            out.put(payload.duplicate());
        }
        wire.writeBytes(headerCopy);
        wire.write(out.array(), 0, out.position());
        maskKeys.add(maskKey);
        payloadBuffers.add(payload);
    }

    /** Every byte sent so far. */
    byte[] wire() {
        return wire.toByteArray();
    }

    /** The frames sent so far, decoded as the peer would (unmasked). */
    List<DecodedFrame> frames() {
        Role peer = sender == Role.CLIENT ? Role.SERVER : Role.CLIENT;
        FrameDecoder decoder = new FrameDecoder(peer, Long.MAX_VALUE);
        decoder.allowReservedBits(FrameHeader.RSV1 | FrameHeader.RSV2 | FrameHeader.RSV3);
        RecordingFrameHandler handler = new RecordingFrameHandler();
        try {
            decoder.decode(ByteBuffer.wrap(wire()), handler);
        } catch (WebSocketProtocolException e) {
            throw new AssertionError("the session sent an invalid frame", e);
        }
        if (handler.inFrame() || !decoder.isAtFrameBoundary()) {
            throw new AssertionError("the session sent an incomplete frame");
        }
        return handler.frames;
    }

    /** The close frames sent so far, parsed. */
    List<CloseBody> closeFrames() {
        List<CloseBody> closes = new ArrayList<>();
        for (DecodedFrame frame : frames()) {
            if (frame.opcode() == Opcode.CLOSE) {
                try {
                    closes.add(CloseBody.parse(ByteBuffer.wrap(frame.payload())));
                } catch (WebSocketProtocolException e) {
                    throw new AssertionError("the session sent an invalid close frame", e);
                }
            }
        }
        return closes;
    }
}
