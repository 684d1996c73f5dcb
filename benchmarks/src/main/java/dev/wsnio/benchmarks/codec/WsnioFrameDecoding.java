package dev.wsnio.benchmarks.codec;

import dev.wsnio.frame.FrameDecoder;
import dev.wsnio.frame.FrameHandler;
import dev.wsnio.frame.Opcode;
import dev.wsnio.frame.Role;
import dev.wsnio.frame.WebSocketProtocolException;
import java.nio.ByteBuffer;
import org.openjdk.jmh.infra.Blackhole;

/**
 * wsnio's frame layer: a {@link FrameDecoder} reading from a direct buffer, as the event loop's
 * read buffer is, with a handler that hands every header and payload slice to a
 * {@link Blackhole}. Masked payload is unmasked in place in the read buffer; no UTF-8
 * validation at this layer.
 */
public final class WsnioFrameDecoding implements WireDecoder, FrameHandler {

    private final FrameDecoder decoder;
    private final ByteBuffer readBuffer;
    private final Blackhole blackhole;
    private long payloadBytes;

    /**
     * Creates the decoder and its read buffer.
     *
     * @param receiver the role of the decoding endpoint (a server expects masked frames)
     * @param capacity the read buffer's size: at least the longest wire input
     * @param blackhole where decoded headers and payloads go
     */
    public WsnioFrameDecoding(Role receiver, int capacity, Blackhole blackhole) {
        this.decoder = new FrameDecoder(receiver, Long.MAX_VALUE);
        this.readBuffer = ByteBuffer.allocateDirect(capacity);
        this.blackhole = blackhole;
    }

    @Override
    public long receive(byte[] wire) {
        readBuffer.clear();
        readBuffer.put(wire).flip();
        payloadBytes = 0;
        try {
            decoder.decode(readBuffer, this);
        } catch (WebSocketProtocolException e) {
            throw new IllegalStateException("benchmark input was rejected", e);
        }
        return payloadBytes;
    }

    @Override
    public void onFrameHeader(boolean fin, int rsv, Opcode opcode, long payloadLength) {
        blackhole.consume(opcode);
        blackhole.consume(payloadLength);
    }

    @Override
    public void onFramePayload(ByteBuffer payload) {
        payloadBytes += payload.remaining();
        blackhole.consume(payload);
    }

    @Override
    public void onFrameEnd() {
        blackhole.consume(true);
    }
}
