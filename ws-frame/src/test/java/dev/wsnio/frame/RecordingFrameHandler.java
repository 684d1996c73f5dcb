package dev.wsnio.frame;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link FrameHandler} that records whole frames and every payload slice, and checks the
 * decoder's side of the contract as it goes: a header before payload, no empty slice, never more
 * payload than the header announced, an end only after all of it.
 */
final class RecordingFrameHandler implements FrameHandler {

    /** The frames completed so far. */
    final List<DecodedFrame> frames = new ArrayList<>();
    /** The size of every payload slice handed over, in order. */
    final List<Integer> sliceSizes = new ArrayList<>();
    /** The buffer object of every payload slice handed over, in order. */
    final List<ByteBuffer> sliceBuffers = new ArrayList<>();
    /** How many headers were reported. */
    int headers;

    private boolean inFrame;
    private boolean fin;
    private int rsv;
    private Opcode opcode;
    private long announced;
    private final ByteArrayOutputStream payload = new ByteArrayOutputStream();

    @Override
    public void onFrameHeader(boolean fin, int rsv, Opcode opcode, long payloadLength)
            throws WebSocketProtocolException {
        if (inFrame) {
            throw new AssertionError("a header arrived before the previous frame ended");
        }
        headers++;
        inFrame = true;
        this.fin = fin;
        this.rsv = rsv;
        this.opcode = opcode;
        this.announced = payloadLength;
        payload.reset();
    }

    @Override
    public void onFramePayload(ByteBuffer slice) throws WebSocketProtocolException {
        if (!inFrame) {
            throw new AssertionError("payload outside a frame");
        }
        if (!slice.hasRemaining()) {
            throw new AssertionError("an empty payload slice was handed over");
        }
        if (payload.size() + (long) slice.remaining() > announced) {
            throw new AssertionError("more payload than the header announced");
        }
        sliceSizes.add(slice.remaining());
        sliceBuffers.add(slice);
        byte[] bytes = new byte[slice.remaining()];
        slice.get(bytes); // moves the position: the decoder must restore it
        payload.writeBytes(bytes);
    }

    @Override
    public void onFrameEnd() throws WebSocketProtocolException {
        if (!inFrame) {
            throw new AssertionError("frame end outside a frame");
        }
        if (payload.size() != announced) {
            throw new AssertionError("frame ended after " + payload.size() + " of " + announced + " bytes");
        }
        inFrame = false;
        frames.add(new DecodedFrame(fin, rsv, opcode, payload.toByteArray()));
    }

    /** Whether a frame has started and not ended. */
    boolean inFrame() {
        return inFrame;
    }
}
