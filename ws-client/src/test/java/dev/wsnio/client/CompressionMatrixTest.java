package dev.wsnio.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.client.RecordingListener.Kind;
import dev.wsnio.frame.PerMessageDeflateConfig;
import dev.wsnio.server.WebSocketServer;
import dev.wsnio.WebSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our client and our server with every combination of the permessage-deflate settings either
 * side can choose (RFC 7692 §7.1: context takeover in each direction, asked for or offered; the
 * window a peer may use): each pair negotiates, then exchanges a series of messages both ways
 * (compressible and not, above and below the threshold, text and binary), so that a shared
 * compression context that is wrongly kept or reset would corrupt a later message.
 */
class CompressionMatrixTest {

    static Stream<Arguments> settingPairs() {
        List<PerMessageDeflateConfig> configs = new ArrayList<>();
        for (boolean noContextTakeover : new boolean[] {false, true}) {
            for (boolean askPeerNoContextTakeover : new boolean[] {false, true}) {
                for (int peerWindow : new int[] {15, 10}) {
                    configs.add(PerMessageDeflateConfig.DEFAULTS
                            .withNoContextTakeover(noContextTakeover)
                            .withRequestPeerNoContextTakeover(askPeerNoContextTakeover)
                            .withRequestedPeerMaxWindowBits(peerWindow)
                            .withCompressionThreshold(64));
                }
            }
        }
        List<Arguments> pairs = new ArrayList<>();
        for (PerMessageDeflateConfig client : configs) {
            for (PerMessageDeflateConfig server : configs) {
                pairs.add(Arguments.of(client, server));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest
    @MethodSource("settingPairs")
    void everySettingPairExchangesMessagesIntactBothWays(PerMessageDeflateConfig clientConfig,
                                                         PerMessageDeflateConfig serverConfig) throws Exception {
        EchoServer echo = new EchoServer();
        RecordingListener events = new RecordingListener();
        try (WebSocketServer server = echo.builder().maxMessageSize(1 << 20).permessageDeflate(serverConfig)
                .build().start();
             WebSocketClient client = WebSocketClient.builder().eventLoops(1).maxMessageSize(1 << 20)
                     .permessageDeflate(clientConfig).build()) {
            WebSocket socket = client.connect(EchoServer.uri(server, "/echo"), events).get(10, TimeUnit.SECONDS);
            events.next(Kind.OPEN);
            assertTrue(socket.extensions().startsWith("permessage-deflate"), socket.extensions());
            Random random = new Random(clientConfig.hashCode() * 31L + serverConfig.hashCode());
            for (int i = 0; i < 6; i++) {
                String text = ("message " + i + ": 你好服务器 ").repeat(1 + i * 40);
                socket.sendText(text);
                assertEquals(text, events.next(Kind.TEXT).text());
                byte[] binary = new byte[i * 3000];
                random.nextBytes(binary); // incompressible: compressed output grows
                socket.sendBinary(ByteBuffer.wrap(binary));
                assertArrayEquals(binary, events.next(Kind.BINARY).data());
            }
            socket.close().get(5, TimeUnit.SECONDS);
        }
    }
}
