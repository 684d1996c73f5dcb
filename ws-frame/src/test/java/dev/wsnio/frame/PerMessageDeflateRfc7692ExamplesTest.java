package dev.wsnio.frame;

import static dev.wsnio.frame.PerMessageDeflateHarness.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of RFC 7692 §7.2.3, byte for byte: what we compress "Hello" to, and each
 * example payload decompressed by a client session that receives it in frames with RSV1 set.
 */
class PerMessageDeflateRfc7692ExamplesTest {

    /** Every message compressed, even the ones that grow (as the RFC's short examples do). */
    private static final PerMessageDeflateConfig COMPRESS_ALL = PerMessageDeflateConfig.DEFAULTS
            .withCompressionThreshold(0).withSkipIncompressible(false);
    private static final PerMessageDeflateConfig COMPRESS_ALL_WITH_CONTEXT = COMPRESS_ALL.withNoContextTakeover(false);

    private static PerMessageDeflate deflate(PerMessageDeflateConfig config) {
        return new PerMessageDeflate(Role.CLIENT, PerMessageDeflateParameters.DEFAULTS, config);
    }

    private static byte[] compress(PerMessageDeflate deflate, String text) {
        ByteBuffer compressed = deflate.compress(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        byte[] bytes = new byte[compressed.remaining()];
        compressed.get(bytes);
        return bytes;
    }

    /** A client session with context takeover in both directions, as in the RFC's examples. */
    private static PerMessageDeflateHarness client() {
        return new PerMessageDeflateHarness(Role.CLIENT, SessionConfig.DEFAULTS, deflate(COMPRESS_ALL_WITH_CONTEXT));
    }

    // ---------------------------------------------------------------- compressing

    @Test
    void compressesHelloLikeSection7_2_3_1() {
        assertArrayEquals(hex("f2 48 cd c9 c9 07 00"), compress(deflate(COMPRESS_ALL), "Hello"));
    }

    @Test
    void compressesSecondHelloAgainstTheSharedWindowLikeSection7_2_3_2() {
        PerMessageDeflate deflate = deflate(COMPRESS_ALL_WITH_CONTEXT);
        assertArrayEquals(hex("f2 48 cd c9 c9 07 00"), compress(deflate, "Hello"));
        assertArrayEquals(hex("f2 00 11 00 00"), compress(deflate, "Hello"));
    }

    @Test
    void compressesEverySecondHelloAfreshWithoutContextTakeover() {
        PerMessageDeflate deflate = deflate(COMPRESS_ALL);
        assertArrayEquals(hex("f2 48 cd c9 c9 07 00"), compress(deflate, "Hello"));
        assertArrayEquals(hex("f2 48 cd c9 c9 07 00"), compress(deflate, "Hello"));
    }

    @Test
    void compressesAnEmptyMessageToOneEmptyBlockHeaderLikeSection7_2_3_6() {
        PerMessageDeflate deflate = deflate(COMPRESS_ALL_WITH_CONTEXT);
        compress(deflate, "Hello");
        assertArrayEquals(hex("00"), compress(deflate, ""));
        assertArrayEquals(hex("f2 00 11 00 00"), compress(deflate, "Hello"));
    }

    @Test
    void clientSessionSendsHelloCompressedWithRsv1() {
        PerMessageDeflateHarness client = client();
        client.session.sendMessage(MessageType.TEXT, ByteBuffer.wrap("Hello".getBytes(StandardCharsets.UTF_8)));
        byte[] frame = client.sent.wire();
        assertEquals(0xC1, frame[0] & 0xFF, "FIN, RSV1, text");
        assertEquals(0x80 | 7, frame[1] & 0xFF, "masked, 7 bytes");
        ByteBuffer payload = ByteBuffer.wrap(frame, 6, 7).slice();
        Masking.maskInPlace(payload, 0, 7, ByteBuffer.wrap(frame, 2, 4).getInt(), 0);
        byte[] unmasked = new byte[7];
        payload.get(unmasked);
        assertArrayEquals(hex("f2 48 cd c9 c9 07 00"), unmasked);
    }

    // ---------------------------------------------------------------- decompressing

    @Test
    void decompressesHelloInOneFrame() {
        PerMessageDeflateHarness client = client();
        client.receive(client.frame(true, true, Opcode.TEXT, hex("f2 48 cd c9 c9 07 00")));
        assertEquals(List.of("TEXT:Hello"), client.events);
    }

    @Test
    void decompressesHelloFragmentedIntoTwoFrames() {
        PerMessageDeflateHarness client = client();
        client.receive(client.frame(false, true, Opcode.TEXT, hex("f2 48 cd")));
        client.receive(client.frame(true, false, Opcode.CONTINUATION, hex("c9 c9 07 00")));
        assertEquals(List.of("TEXT:Hello"), client.events);
    }

    @Test
    void decompressesSecondHelloThroughTheSharedWindow() {
        PerMessageDeflateHarness client = client();
        client.receive(client.frame(true, true, Opcode.TEXT, hex("f2 48 cd c9 c9 07 00")));
        client.receive(client.frame(true, true, Opcode.TEXT, hex("f2 00 11 00 00")));
        assertEquals(List.of("TEXT:Hello", "TEXT:Hello"), client.events);
    }

    @Test
    void decompressesHelloInAStoredBlockLikeSection7_2_3_3() {
        PerMessageDeflateHarness client = client();
        client.receive(client.frame(true, true, Opcode.TEXT, hex("00 05 00 fa ff 48 65 6c 6c 6f 00")));
        assertEquals(List.of("TEXT:Hello"), client.events);
    }

    @Test
    void decompressesHelloInAFinalBlockLikeSection7_2_3_4() {
        PerMessageDeflateHarness client = client();
        client.receive(client.frame(true, true, Opcode.TEXT, hex("f3 48 cd c9 c9 07 00 00")));
        assertEquals(List.of("TEXT:Hello"), client.events);
    }

    @Test
    void decompressesHelloInTwoBlocksLikeSection7_2_3_5() {
        PerMessageDeflateHarness client = client();
        client.receive(client.frame(true, true, Opcode.TEXT, hex("f2 48 05 00 00 00 ff ff ca c9 c9 07 00")));
        assertEquals(List.of("TEXT:Hello"), client.events);
    }

    @Test
    void decompressesAnEmptyLastFragmentLikeSection7_2_3_6() {
        // The sender flushed "Hello" before it knew the message was over, keeping the flush's
        // 00 00 ff ff, then ended the message with the first octet of an empty stored block.
        PerMessageDeflateHarness client = client();
        client.receive(client.frame(false, true, Opcode.TEXT, hex("f2 48 cd c9 c9 07 00 00 00 ff ff")));
        client.receive(client.frame(true, false, Opcode.CONTINUATION, hex("00")));
        assertEquals(List.of("TEXT:Hello"), client.events);
    }

    @Test
    void serverSessionDecompressesMaskedHello() {
        PerMessageDeflateHarness server = new PerMessageDeflateHarness(Role.SERVER, SessionConfig.DEFAULTS,
                new PerMessageDeflate(Role.SERVER, PerMessageDeflateParameters.DEFAULTS, COMPRESS_ALL_WITH_CONTEXT));
        server.receive(server.frame(true, true, Opcode.TEXT, hex("f2 48 cd c9 c9 07 00")));
        server.receive(server.frame(true, true, Opcode.TEXT, hex("f2 00 11 00 00")));
        assertEquals(List.of("TEXT:Hello", "TEXT:Hello"), server.events);
    }
}
