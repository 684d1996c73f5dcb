package dev.wsnio.benchmarks.codec;

import dev.wsnio.frame.ContextTakeoverBudget;
import dev.wsnio.frame.DeflateWorkspace;
import dev.wsnio.frame.MessageCompression;
import dev.wsnio.frame.PerMessageDeflate;
import dev.wsnio.frame.PerMessageDeflateConfig;
import dev.wsnio.frame.PerMessageDeflateParameters;
import dev.wsnio.frame.Role;
import dev.wsnio.frame.WebSocketProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtension;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtension;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * permessage-deflate (RFC 7692) on a server, compressing and decompressing one JSON-like text
 * message: wsnio's {@link PerMessageDeflate} against Netty's permessage-deflate encoder and
 * decoder. Netty's classes are package-private; they are obtained as its users get them, from
 * {@link PerMessageDeflateServerExtensionHandshaker} answering a client's offer, and run in an
 * {@link EmbeddedChannel}. Both sides use {@code java.util.zip} at level 6 with a 32 KiB window
 * and no context takeover in either direction (wsnio's default: the event loop's compressor and
 * inflaters, reset for each message, and nothing kept by the connection between messages; Netty
 * ends its zlib stream after each message).
 * Both decompress the same bytes. Scores are messages per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dio.netty.leakDetection.level=disabled"})
public class DeflateBenchmark {

    private static final int LEVEL = 6;

    /** The message length before compression, in bytes. */
    @Param({"1024", "65536"})
    public int size;

    private ByteBuffer message;
    private ByteBuffer compressed;
    private ByteBuf nettyMessage;
    private ByteBuf nettyCompressed;
    private PerMessageDeflate wsnio;
    private EmbeddedChannel nettyEncoder;
    private EmbeddedChannel nettyDecoder;
    private MessageCompression.DecompressedSink counting;
    private long decompressedBytes;

    /** Creates for JMH. */
    public DeflateBenchmark() {
    }

    /**
     * Builds the message, its compressed form and both implementations, and checks that each
     * decompresses to the original length.
     *
     * @param blackhole where the output goes
     * @throws WebSocketProtocolException never: the input is valid
     */
    @Setup
    public void setUp(Blackhole blackhole) throws WebSocketProtocolException {
        byte[] text = JsonLikeText.bytes(size);
        message = ByteBuffer.wrap(text);
        compressed = PerMessageDeflate.compressWithFreshContext(ByteBuffer.wrap(text), LEVEL);
        nettyMessage = Unpooled.wrappedBuffer(text);
        nettyCompressed = Unpooled.wrappedBuffer(compressed.duplicate());

        PerMessageDeflateParameters agreed = new PerMessageDeflateParameters(true, true,
                PerMessageDeflateParameters.MAX_WINDOW_BITS, PerMessageDeflateParameters.MAX_WINDOW_BITS);
        // As on an event loop: the connection borrows the loop's workspace for each message.
        wsnio = new PerMessageDeflate(Role.SERVER, agreed, PerMessageDeflateConfig.DEFAULTS.withCompressionLevel(LEVEL),
                new DeflateWorkspace(), new ContextTakeoverBudget(0));
        counting = piece -> {
            decompressedBytes += piece.remaining();
            blackhole.consume(piece);
        };

        // A client's offer asking for no context takeover both ways, as the handshake would see it.
        WebSocketServerExtension netty = new PerMessageDeflateServerExtensionHandshaker(
                LEVEL, false, PerMessageDeflateParameters.MAX_WINDOW_BITS, true, true, 0)
                .handshakeExtension(new WebSocketExtensionData("permessage-deflate",
                        Map.of("server_no_context_takeover", "", "client_no_context_takeover", "")));
        nettyEncoder = new EmbeddedChannel(netty.newExtensionEncoder());
        nettyDecoder = new EmbeddedChannel(netty.newExtensionDecoder());

        for (int round = 0; round < 2; round++) {
            check("wsnio decompress", wsnioDecompress(), size);
            check("netty decompress", nettyDecompress(blackhole), size);
            check("wsnio compress", wsnioCompress() > 0 ? 1 : 0, 1);
            check("netty compress", nettyCompress(blackhole) > 0 ? 1 : 0, 1);
        }
    }

    private static void check(String what, long actual, long expected) {
        if (actual != expected) {
            throw new IllegalStateException(what + " gave " + actual + ", expected " + expected);
        }
    }

    /** @return the compressed length: wsnio */
    @Benchmark
    public int wsnioCompress() {
        message.clear();
        return wsnio.compress(message).remaining();
    }

    /**
     * @param blackhole receives the compressed frame before it is released
     * @return the compressed length: Netty
     */
    @Benchmark
    public int nettyCompress(Blackhole blackhole) {
        nettyEncoder.writeOutbound(new TextWebSocketFrame(true, 0, nettyMessage.retainedDuplicate()));
        WebSocketFrame frame = nettyEncoder.readOutbound();
        int length = frame.content().readableBytes();
        blackhole.consume(frame);
        frame.release();
        return length;
    }

    /**
     * @return the decompressed length: wsnio
     * @throws WebSocketProtocolException never: the input is valid
     */
    @Benchmark
    public long wsnioDecompress() throws WebSocketProtocolException {
        decompressedBytes = 0;
        compressed.clear();
        wsnio.decompress(compressed, counting);
        wsnio.finishMessage(counting);
        return decompressedBytes;
    }

    /**
     * @param blackhole receives the decompressed frame before it is released
     * @return the decompressed length: Netty
     */
    @Benchmark
    public long nettyDecompress(Blackhole blackhole) {
        nettyDecoder.writeInbound(new TextWebSocketFrame(true, WebSocketExtension.RSV1,
                nettyCompressed.retainedDuplicate()));
        WebSocketFrame frame = nettyDecoder.readInbound();
        long length = frame.content().readableBytes();
        blackhole.consume(frame);
        frame.release();
        return length;
    }
}
