package dev.wsnio.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.examples.Main;
import dev.wsnio.testkit.ChildProcess;
import dev.wsnio.testkit.JdkClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The demo as a user starts it: it prints the URL to open, serves the page and {@code /hello} on
 * the WebSocket's port, greets and answers per user, pushes metrics, and closes connections
 * with 1001 when stopped.
 */
@Timeout(60)
class DemoProcessTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern OPEN_URL = Pattern.compile("Open (http://127\\.0\\.0\\.1:(\\d+)/) in a browser.*");

    private static ChildProcess demo;
    private static String base;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startDemo() throws Exception {
        demo = ChildProcess.startJava(Main.class, "--port", "0");
        base = demo.awaitLine(OPEN_URL, WAIT).group(1);
    }

    @AfterAll
    static void killDemo() throws Exception {
        demo.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI ws(String pathAndQuery) {
        return URI.create(base.replace("http://", "ws://") + pathAndQuery);
    }

    @Test
    void servesTheDashboardPageItsScriptsAndItsIcon() throws Exception {
        HttpResponse<String> page = get("");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("<div id=\"app\">"), page.body());
        for (String script : new String[] {"lib/connection.js", "charts.js", "inspector.js", "dashboard.js", "style.css"}) {
            assertEquals(200, get(script).statusCode(), script);
        }
        HttpResponse<String> icon = get("favicon.ico");
        assertEquals(200, icon.statusCode(), "a browser asks for /favicon.ico on every load");
        assertEquals("image/x-icon", icon.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void servesVueAndEChartsFromTheirWebJarsWithoutACdn() throws Exception {
        HttpResponse<String> vue = get("vendor/vue.js");
        assertEquals(200, vue.statusCode());
        assertTrue(vue.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        assertTrue(vue.body().contains("createApp"), "Vue 3's global build");
        HttpResponse<String> echarts = get("vendor/echarts.js");
        assertEquals(200, echarts.statusCode());
        assertTrue(echarts.body().contains("\"5.3.1\""), "ECharts 5.3.1");
        String etag = echarts.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(URI.create(base + "vendor/echarts.js"))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(304, again.statusCode(), "a browser that has it does not download it again");
        String page = get("").body();
        assertFalse(page.contains("//cdn") || page.contains("https://"), "the page loads nothing from elsewhere: " + page);
    }

    /** The status line the demo answers a WebSocket handshake with, sent from a plain socket. */
    private static String handshakeStatus(String... extraHeaders) throws Exception {
        URI uri = URI.create(base);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            StringBuilder request = new StringBuilder("GET /ws?uid=ttq123 HTTP/1.1\r\nHost: " + uri.getAuthority()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n");
            for (String header : extraHeaders) {
                request.append(header).append("\r\n");
            }
            socket.getOutputStream().write(request.append("\r\n").toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.ISO_8859_1)).readLine();
        }
    }

    @Test
    void acceptsWebSocketsOnlyFromItsOwnPagesOrWithoutOrigin() throws Exception {
        String ownPage = base.substring(0, base.length() - 1); // http://127.0.0.1:PORT
        assertTrue(handshakeStatus("Origin: " + ownPage).startsWith("HTTP/1.1 101 "));
        assertTrue(handshakeStatus().startsWith("HTTP/1.1 101 "), "no Origin: not a browser");
        assertTrue(handshakeStatus("Origin: https://evil.example").startsWith("HTTP/1.1 403 "),
                "another site's page (cross-site WebSocket hijacking)");
        assertTrue(handshakeStatus("Origin: " + ownPage.replace("127.0.0.1", "localhost")).startsWith("HTTP/1.1 403 "),
                "another name than the one the request was sent to");
    }

    @Test
    void answersHelloOnTheSamePort() throws Exception {
        HttpResponse<String> hello = get("hello");
        assertEquals(200, hello.statusCode());
        assertEquals("Hello World", hello.body());
    }

    @Test
    void greetsTheUserAnswersAndPushesMetrics() throws Exception {
        try (JdkClient client = JdkClient.connect(ws("ws?uid=ttq123"))) {
            String greeting = client.nextContaining("\"type\":\"greeting\"", WAIT);
            assertTrue(greeting.contains("\"text\":\"你好, ttq123\""), greeting);

            String metrics = client.nextContaining("\"type\":\"metrics\"", WAIT);
            for (String field : new String[] {"cpu", "heapUsed", "clients", "messagesPerSecond", "ordersPerMinute"}) {
                assertTrue(metrics.contains("\"" + field + "\":"), metrics);
            }

            client.sendText("你好服务器");
            assertEquals("{\"type\":\"reply\",\"text\":\"你好,客户端\"}", client.nextContaining("\"reply\"", WAIT));
            demo.awaitLine(Pattern.compile(".*text  ttq123: 你好服务器"), WAIT);
        }
    }

    @Test
    void refusesAWebSocketWithoutUserId() {
        ExecutionException failure = assertThrows(ExecutionException.class, () -> JdkClient.connect(ws("ws")));
        WebSocketHandshakeException handshake = (WebSocketHandshakeException) failure.getCause();
        assertEquals(400, handshake.getResponse().statusCode());
    }

    @Test
    void closesPagesWithGoingAwayWhenStopped() throws Exception {
        try (ChildProcess server = ChildProcess.startJava(Main.class, "demo", "--port", "0")) {
            String url = server.awaitLine(OPEN_URL, WAIT).group(1);
            try (JdkClient client = JdkClient.connect(URI.create(url.replace("http://", "ws://") + "ws?uid=leaving"))) {
                client.nextContaining("greeting", WAIT);
                server.terminate();

                assertEquals(1001, client.awaitClose(WAIT));
                server.awaitExit(WAIT);
                server.awaitLine(Pattern.compile("stopped"), WAIT);
            }
        }
    }
}
