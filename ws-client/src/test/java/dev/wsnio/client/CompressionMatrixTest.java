package dev.wsnio.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.client.RecordingListener.Kind;
import dev.wsnio.frame.MessageType;
import dev.wsnio.frame.PerMessageDeflateConfig;
import dev.wsnio.server.WebSocketServer;
import dev.wsnio.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our client and our server with every combination of the permessage-deflate settings either
 * side can choose, so every parameter of RFC 7692 §7.1 is negotiated both ways: context
 * takeover in each direction (kept or not, asked of the peer or not), the window asked of the
 * peer (15, 9 or 8 bits), the window a side limits itself to (15 or 9 bits), and whether the
 * client offers {@code client_max_window_bits}. Each of the 24 server configurations serves the
 * 48 client configurations in turn; each pair negotiates, then exchanges messages both ways
 * (compressible and not, below and above the threshold and the windows, text and binary, whole
 * and fragmented), so that a compression context wrongly kept or reset, or a window mismatch,
 * would corrupt a later message.
 */
class CompressionMatrixTest {

    static List<PerMessageDeflateConfig> serverConfigs() {
        List<PerMessageDeflateConfig> configs = new ArrayList<>();
        for (boolean noContextTakeover : new boolean[] {false, true}) {
            for (boolean askPeerNoContextTakeover : new boolean[] {false, true}) {
                for (int peerWindow : new int[] {15, 9, 8}) {
                    for (int ownWindow : new int[] {15, 9}) {
                        configs.add(PerMessageDeflateConfig.DEFAULTS
                                .withNoContextTakeover(noContextTakeover)
                                .withRequestPeerNoContextTakeover(askPeerNoContextTakeover)
                                .withRequestedPeerMaxWindowBits(peerWindow)
                                .withMaxWindowBits(ownWindow)
                                .withCompressionThreshold(64));
                    }
                }
            }
        }
        return configs;
    }

    static List<PerMessageDeflateConfig> clientConfigs() {
        List<PerMessageDeflateConfig> configs = new ArrayList<>();
        for (PerMessageDeflateConfig config : serverConfigs()) {
            configs.add(config);
            configs.add(config.withOfferClientMaxWindowBits(false));
        }
        return configs;
    }

    @ParameterizedTest
    @MethodSource("serverConfigs")
    void everyClientConfigurationExchangesMessagesIntactBothWays(PerMessageDeflateConfig serverConfig)
            throws Exception {
        EchoServer echo = new EchoServer();
        try (WebSocketServer server = echo.builder().maxMessageSize(1 << 20).permessageDeflate(serverConfig)
                .build().start()) {
            for (PerMessageDeflateConfig clientConfig : clientConfigs()) {
                String pair = "client " + clientConfig + ", server " + serverConfig;
                try (WebSocketClient client = WebSocketClient.builder().eventLoops(1).maxMessageSize(1 << 20)
                        .permessageDeflate(clientConfig).build()) {
                    exchange(client, server, clientConfig.hashCode() * 31L + serverConfig.hashCode(), pair);
                }
            }
        }
    }

    private static void exchange(WebSocketClient client, WebSocketServer server, long seed, String pair)
            throws Exception {
        RecordingListener events = new RecordingListener();
        WebSocket socket = client.connect(EchoServer.uri(server, "/echo"), events).get(10, TimeUnit.SECONDS);
        events.next(Kind.OPEN);
        assertTrue(socket.extensions().startsWith("permessage-deflate"), socket.extensions() + " for " + pair);
        Random random = new Random(seed);
        for (int i = 0; i < 5; i++) {
            String text = ("message " + i + ": 你好服务器 ").repeat(1 + i * 60);
            socket.sendText(text);
            assertEquals(text, events.next(Kind.TEXT).text(), pair);
            byte[] block = new byte[1 + i * 700];
            random.nextBytes(block); // incompressible alone, but repeated: references far back
            byte[] binary = new byte[block.length * (i % 2 == 0 ? 1 : 3)];
            for (int offset = 0; offset < binary.length; offset += block.length) {
                System.arraycopy(block, 0, binary, offset, block.length);
            }
            socket.sendBinary(ByteBuffer.wrap(binary));
            assertArrayEquals(binary, events.next(Kind.BINARY).data(), pair);
        }
        socket.sendFragment(MessageType.TEXT, ByteBuffer.wrap("fragments:".getBytes(StandardCharsets.UTF_8)), false);
        socket.sendFragment(MessageType.TEXT, ByteBuffer.wrap("a,b,c".getBytes(StandardCharsets.UTF_8)), true);
        assertEquals("abc", events.next(Kind.TEXT).text(), pair);
        socket.close().get(5, TimeUnit.SECONDS);
    }
}
