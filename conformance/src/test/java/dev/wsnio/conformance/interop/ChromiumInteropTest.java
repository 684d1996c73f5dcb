package dev.wsnio.conformance.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.conformance.testee.Behaviour;
import dev.wsnio.conformance.testee.ForwardingListener;
import dev.wsnio.conformance.testee.TesteeListener;
import dev.wsnio.server.HttpResponse;
import dev.wsnio.server.WebSocketServer;
import dev.wsnio.testkit.ChildProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A real browser against our server: headless Chromium loads a page from our server whose
 * script opens a WebSocket back to it, with permessage-deflate (Chromium always offers it, and
 * the server accepts with its defaults), exchanges text, binary, large and compressible
 * messages with the echo, and writes each check into the DOM, which {@code --dump-dom} prints.
 */
@Tag("interop")
class ChromiumInteropTest {

    private WebSocketServer server;
    private HoldServer hold;
    private ChildProcess browser;
    private Path profile;

    @AfterEach
    void stop() throws IOException {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
        if (hold != null) {
            hold.close();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    @Test
    void chromiumExchangesMessagesWithPermessageDeflate() throws Exception {
        Peers.requireChromium();
        byte[] page;
        try (InputStream in = ChromiumInteropTest.class.getResourceAsStream("/interop/browser.html")) {
            page = in.readAllBytes();
        }
        BlockingQueue<String> serverEvents = new LinkedBlockingQueue<>();
        WebSocketListener echo = new TesteeListener(Behaviour.ECHO);
        server = WebSocketServer.builder()
                .maxMessageSize(16 << 20)
                .permessageDeflate()
                .http("/interop.html", request -> HttpResponse.builder(200)
                        .body("text/html; charset=utf-8", page).build())
                .websocket("/echo", new ForwardingListener(echo) {
                    @Override
                    public void onOpen(WebSocket socket) {
                        serverEvents.add("open " + socket.extensions());
                    }

                    @Override
                    public void onError(WebSocket socket, Throwable error) {
                        serverEvents.add("error " + error);
                    }

                    @Override
                    public void onClose(WebSocket socket, int code, String reason) {
                        serverEvents.add("close " + code + " " + reason);
                    }
                })
                .build().start();
        hold = new HoldServer();
        profile = Files.createTempDirectory("wsnio-chromium-profile");
        browser = ChildProcess.start(Path.of("."), "chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "--virtual-time-budget=10000", "--dump-dom",
                "http://127.0.0.1:" + server.port() + "/interop.html?hold=" + hold.port());
        List<String> dom = browser.awaitSuccess(Duration.ofSeconds(60));
        String text = String.join("\n", dom).replaceAll("(?s)<script>.*</script>", "") + "\nserver: " + serverEvents;

        assertTrue(text.contains("EXTENSIONS permessage-deflate"), () -> "no permessage-deflate: " + text);
        for (String check : List.of("text", "binary", "large-text", "large-binary", "compressible-text")) {
            assertTrue(text.contains("PASS " + check), () -> "check " + check + " did not pass: " + text);
        }
        assertTrue(!text.contains("FAIL ") && !text.contains("ERROR"), () -> text);
        assertTrue(text.contains("CLOSE 1000 true"), () -> "no clean close: " + text);
        String open = serverEvents.poll(5, TimeUnit.SECONDS);
        assertTrue(open != null && open.startsWith("open permessage-deflate"), "server side: " + open);
        assertEquals("close 1000 done", serverEvents.poll(5, TimeUnit.SECONDS));
    }
}
