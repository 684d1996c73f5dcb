package dev.wsnio.benchmarks.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Netty's receive path as its users run it: the handlers in a channel pipeline (an
 * {@link EmbeddedChannel}), input in a direct buffer from the channel's allocator as a socket
 * read gets it, every frame handed to a {@link Blackhole} and released.
 */
public final class NettyDecoding implements WireDecoder {

    /** Which handlers the pipeline holds. */
    public enum Pipeline {
        /** {@link WebSocket08FrameDecoder} alone: frames, no UTF-8 validation. */
        FRAMES,
        /**
         * The decoder, the {@link Utf8FrameValidator} that {@code WebSocketServerProtocolHandler}
         * adds by default, and a {@link WebSocketFrameAggregator} for whole messages.
         */
        MESSAGES
    }

    private static final int MAX_PAYLOAD = 64 << 20;

    private final EmbeddedChannel channel;
    private final Blackhole blackhole;

    /**
     * Creates the pipeline.
     *
     * @param expectMasked true on a server (client frames are masked)
     * @param pipeline which handlers to install
     * @param blackhole where frames go before they are released
     */
    public NettyDecoding(boolean expectMasked, Pipeline pipeline, Blackhole blackhole) {
        this.blackhole = blackhole;
        WebSocketDecoderConfig config = WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(expectMasked)
                .allowMaskMismatch(false)
                .allowExtensions(false)
                .maxFramePayloadLength(MAX_PAYLOAD)
                .build();
        ChannelHandler decoder = new WebSocket08FrameDecoder(config);
        this.channel = pipeline == Pipeline.FRAMES
                ? new EmbeddedChannel(decoder)
                : new EmbeddedChannel(decoder, new Utf8FrameValidator(),
                        new WebSocketFrameAggregator(MAX_PAYLOAD));
    }

    @Override
    public long receive(byte[] wire) {
        ByteBuf read = channel.alloc().directBuffer(wire.length);
        read.writeBytes(wire);
        channel.writeInbound(read);
        long payloadBytes = 0;
        WebSocketFrame frame;
        while ((frame = channel.readInbound()) != null) {
            payloadBytes += frame.content().readableBytes();
            blackhole.consume(frame);
            frame.release();
        }
        return payloadBytes;
    }
}
