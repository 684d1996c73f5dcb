package dev.wsnio.benchmarks.codec;

import dev.wsnio.frame.FrameHeader;
import dev.wsnio.frame.Masking;
import dev.wsnio.frame.Opcode;
import java.nio.ByteBuffer;

/**
 * Frames as they travel on the wire, built once before a benchmark runs: the input that every
 * decoder under test is fed, byte for byte the same.
 */
public final class WireFrames {

    /** A fixed masking key, so that runs are repeatable. */
    public static final int MASK_KEY = 0x37FA213D;

    private WireFrames() {
    }

    /**
     * Encodes {@code count} identical final frames back to back.
     *
     * @param opcode the frames' opcode
     * @param payload each frame's payload
     * @param masked whether to mask them (as a client sends)
     * @param count how many frames
     * @return the wire bytes
     */
    public static byte[] repeated(Opcode opcode, byte[] payload, boolean masked, int count) {
        int frameLength = FrameHeader.length(payload.length, masked) + payload.length;
        ByteBuffer wire = ByteBuffer.allocate(Math.multiplyExact(frameLength, count));
        for (int i = 0; i < count; i++) {
            FrameHeader.write(wire, true, 0, opcode, payload.length, masked, MASK_KEY);
            if (masked) {
                Masking.copyMasked(ByteBuffer.wrap(payload), wire, MASK_KEY, 0);
            } else {
                wire.put(payload);
            }
        }
        return wire.array();
    }
}
