package dev.wsnio.benchmarks.codec;

import java.nio.ByteBuffer;
import java.util.List;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.Role;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.Framedata;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Java-WebSocket's frame decoding, {@link Draft_6455#translateFrame}, reading from a heap
 * buffer as its server's reads are. It copies each payload out of the input (unmasking it byte
 * by byte on the way) and validates text frames as UTF-8.
 */
public final class JavaWebSocketDecoding implements WireDecoder {

    private final Draft_6455 draft = new Draft_6455();
    private final ByteBuffer readBuffer;
    private final Blackhole blackhole;

    /**
     * Creates the draft and its read buffer.
     *
     * @param receiver the role of the decoding endpoint
     * @param capacity the read buffer's size: at least the longest wire input
     * @param blackhole where the frames go
     */
    public JavaWebSocketDecoding(dev.wsnio.frame.Role receiver, int capacity, Blackhole blackhole) {
        draft.setParseMode(receiver == dev.wsnio.frame.Role.SERVER ? Role.SERVER : Role.CLIENT);
        this.readBuffer = ByteBuffer.allocate(capacity);
        this.blackhole = blackhole;
    }

    @Override
    public long receive(byte[] wire) {
        readBuffer.clear();
        readBuffer.put(wire).flip();
        List<Framedata> frames;
        try {
            frames = draft.translateFrame(readBuffer);
        } catch (InvalidDataException e) {
            throw new IllegalStateException("benchmark input was rejected", e);
        }
        long payloadBytes = 0;
        for (int i = 0; i < frames.size(); i++) {
            Framedata frame = frames.get(i);
            payloadBytes += frame.getPayloadData().remaining();
            blackhole.consume(frame);
        }
        return payloadBytes;
    }
}
