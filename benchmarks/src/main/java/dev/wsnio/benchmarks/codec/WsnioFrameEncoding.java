package dev.wsnio.benchmarks.codec;

import dev.wsnio.frame.FrameHeader;
import dev.wsnio.frame.MaskKeyGenerator;
import dev.wsnio.frame.Opcode;
import java.nio.ByteBuffer;

/**
 * wsnio's frame layer on the way out: {@link FrameHeader#write} into a 14-byte header buffer,
 * a fresh masking key from {@link MaskKeyGenerator} (SecureRandom-backed) for a client, and the
 * transport's handling of header and payload ({@link SocketBoundSink}).
 */
public final class WsnioFrameEncoding implements WireEncoder {

    private final boolean masked;
    private final MaskKeyGenerator maskKeys = new MaskKeyGenerator();
    private final ByteBuffer header = ByteBuffer.allocate(FrameHeader.MAX_LENGTH);
    private final SocketBoundSink sink;

    /**
     * Creates the encoder.
     *
     * @param masked whether frames are masked (a client's)
     * @param largestPayload the longest payload that will be sent
     */
    public WsnioFrameEncoding(boolean masked, int largestPayload) {
        this.masked = masked;
        this.sink = new SocketBoundSink(largestPayload);
    }

    @Override
    public long send(ByteBuffer payload) {
        int maskKey = masked ? maskKeys.nextKey() : 0;
        header.clear();
        FrameHeader.write(header, true, 0, Opcode.BINARY, payload.remaining(), masked, maskKey);
        header.flip();
        sink.sendFrame(header, payload, masked, maskKey);
        return sink.bytesOut();
    }
}
