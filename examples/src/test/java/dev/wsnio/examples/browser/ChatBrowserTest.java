package dev.wsnio.examples.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsnio.examples.CapturedOutput;
import dev.wsnio.examples.TimestampedLog;
import dev.wsnio.examples.chat.ChatServer;
import dev.wsnio.server.WebSocketServer;
import dev.wsnio.testkit.JdkClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The chat page in headless Chromium talks with a second member connected from Java. */
@Tag("browser")
@Timeout(60)
class ChatBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private static HeadlessChromium browser;
    private static DevToolsPage page;
    private static WebSocketServer server;

    @BeforeAll
    static void start() throws Exception {
        server = ChatServer.create("127.0.0.1", 0, new TimestampedLog(new CapturedOutput().stream())).start();
        browser = HeadlessChromium.start(Path.of("target", "browser", "chromium-chat.log"));
        page = browser.firstPage();
    }

    @AfterAll
    static void stop() throws Exception {
        if (page != null) {
            page.close();
        }
        if (browser != null) {
            browser.close();
        }
        server.close();
    }

    @Test
    void pageAndJavaMemberTalkInTheLobby() throws Exception {
        page.navigate("http://127.0.0.1:" + server.port() + "/?name=alice");
        page.awaitText("state", "open"::equals, WAIT);
        page.awaitText("rooms", text -> text.contains("# lobby1 here"), WAIT);

        try (JdkClient bob = JdkClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/chat?name=bob"))) {
            bob.sendText("join lobby");
            bob.nextContaining("\"members\":2", WAIT);
            bob.sendText("say lobby hello alice");
            page.awaitText("messages", text -> text.contains("bobhello alice"), WAIT);

            page.evaluate("(() => { document.getElementById('text').value = 'hi bob';"
                    + " document.getElementById('send').click(); })()");
            assertEquals("{\"type\":\"message\",\"room\":\"lobby\",\"user\":\"alice\",\"text\":\"hi bob\"}",
                    bob.nextContaining("\"user\":\"alice\",\"text\"", WAIT));
        }
        page.awaitText("messages", text -> text.contains("bob left"), WAIT);
        page.screenshot(Path.of("target", "browser", "chat.png"));
    }
}
