package dev.wsnio.benchmarks.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import java.nio.ByteBuffer;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Netty's send path as its users run it: a {@link BinaryWebSocketFrame} written to a channel
 * pipeline (an {@link EmbeddedChannel}) holding {@link WebSocket08FrameEncoder}; the encoded
 * buffers that would go to the socket are handed to a {@link Blackhole} and released. The
 * encoder copies payloads below 1 KiB (and every masked payload) into one pooled buffer with
 * the header, and masks with Netty's default mask generator (not a SecureRandom).
 */
public final class NettyEncoding implements WireEncoder {

    private final EmbeddedChannel channel;
    private final Blackhole blackhole;
    private ByteBuf wrapped;
    private ByteBuffer wrappedSource;

    /**
     * Creates the pipeline.
     *
     * @param masked whether frames are masked (a client's)
     * @param blackhole where encoded buffers go before they are released
     */
    public NettyEncoding(boolean masked, Blackhole blackhole) {
        this.channel = new EmbeddedChannel(new WebSocket08FrameEncoder(masked));
        this.blackhole = blackhole;
    }

    @Override
    public long send(ByteBuffer payload) {
        if (wrappedSource != payload) {
            // The application's message as a ByteBuf, wrapped once (not part of a send).
            wrappedSource = payload;
            wrapped = Unpooled.wrappedBuffer(payload);
        }
        channel.writeOutbound(new BinaryWebSocketFrame(wrapped.retainedDuplicate()));
        long bytesOut = 0;
        ByteBuf encoded;
        while ((encoded = channel.readOutbound()) != null) {
            bytesOut += encoded.readableBytes();
            blackhole.consume(encoded);
            encoded.release();
        }
        return bytesOut;
    }
}
