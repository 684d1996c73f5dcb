package dev.wsnio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.testkit.JdkClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's server example compiles (it is this module's HelloServer), runs, and is quoted exactly. */
class HelloServerTest {

    @Test
    void readmeQuotesTheExampleExactly() throws IOException {
        String source = Files.readString(Path.of("src/test/java/dev/wsnio/server/HelloServer.java"));
        String example = between(source, "// README:BEGIN server-example\n", "// README:END server-example");
        String readme = Files.readString(Path.of("../README.md"));
        assertTrue(readme.contains(example), "README.md must contain HelloServer.java's example verbatim");
    }

    @Test
    void theExampleAnswersHttpAndWebSocketOnOnePort() throws Exception {
        try (WebSocketServer server = HelloServer.start(0)) {
            String base = "127.0.0.1:" + server.port() + "/";
            HttpClient http = HttpClient.newHttpClient();
            var response = http.send(HttpRequest.newBuilder(URI.create("http://" + base)).build(),
                    BodyHandlers.ofString());
            assertEquals("Hello World", response.body());
            try (JdkClient client = JdkClient.connect(URI.create("ws://" + base))) {
                client.sendText("你好服务器");
                assertEquals("你好,客户端", client.next());
            }
        }
    }

    private static String between(String text, String begin, String end) {
        int start = text.indexOf(begin) + begin.length();
        return text.substring(start, text.indexOf(end, start));
    }
}
