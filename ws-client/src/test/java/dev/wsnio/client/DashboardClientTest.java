package dev.wsnio.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.server.UpgradeDecision;
import dev.wsnio.server.WebSocketEndpoint;
import dev.wsnio.server.WebSocketServer;
import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs the README's client example against a stand-in for the demo server, across a restart. */
class DashboardClientTest {

    @Test
    void readmeQuotesTheExampleExactly() throws java.io.IOException {
        String source = java.nio.file.Files.readString(
                java.nio.file.Path.of("src/test/java/dev/wsnio/client/DashboardClient.java"));
        String begin = "// README:BEGIN client-example\n";
        int start = source.indexOf(begin) + begin.length();
        String example = source.substring(start, source.indexOf("// README:END client-example", start));
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("../README.md"));
        org.junit.jupiter.api.Assertions.assertTrue(readme.contains(example),
                "README.md must contain DashboardClient.java's example verbatim");
    }


    /** Like the demo: /ws?uid=... is greeted by name, and "你好服务器" is answered. */
    private static WebSocketServer dashboard(int port) {
        return WebSocketServer.builder().port(port).eventLoops(1)
                .websocket("/ws", WebSocketEndpoint.builder(new WebSocketListener() {
                    @Override
                    public void onOpen(WebSocket socket) {
                        socket.sendText("{\"type\":\"greeting\",\"uid\":\"" + socket.attachment() + "\"}");
                    }

                    @Override
                    public void onText(WebSocket socket, String text) {
                        socket.sendText(text.equals("你好服务器") ? "你好,客户端" : text);
                    }
                }).upgradeHook(request -> UpgradeDecision.accept(request.queryParameter("uid").orElseThrow()))
                        .build())
                .build().start();
    }

    private static String await(BlockingQueue<String> lines, String prefix) throws InterruptedException {
        while (true) {
            String line = lines.poll(10, TimeUnit.SECONDS);
            assertNotNull(line, "no line starting with '" + prefix + "'");
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    @Test
    void printsPushedMessagesAndComesBackAfterARestart() throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        WebSocketServer server = dashboard(0);
        int port = server.port();
        try (WebSocketClient client = WebSocketClient.builder().eventLoops(1).build()) {
            ReconnectingWebSocket socket = DashboardClient.connect(client,
                    URI.create("ws://127.0.0.1:" + port + "/ws?uid=ttq123"), lines::add);
            socket.sendText("你好服务器");
            await(lines, "connected to ");
            assertEquals("pushed: {\"type\":\"greeting\",\"uid\":\"ttq123\"}", await(lines, "pushed: "));
            assertEquals("pushed: 你好,客户端", await(lines, "pushed: "));

            server.close();
            assertEquals("disconnected: 1006 ", await(lines, "disconnected: "));
            assertTrue(await(lines, "reconnecting in ").endsWith("(attempt 1)"));
            server = dashboard(port);
            await(lines, "connected to ");
            assertEquals("pushed: {\"type\":\"greeting\",\"uid\":\"ttq123\"}", await(lines, "pushed: "));
            socket.close().get(5, TimeUnit.SECONDS);
        } finally {
            server.close();
        }
    }
}
