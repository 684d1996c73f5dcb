package dev.wsnio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsnio.handshake.HttpResponse;
import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wss:// and https:// on one port, with a self-signed certificate made by the JDK's keytool. */
class TlsServerTest {

    @TempDir
    static Path directory;
    private static SSLContext serverContext;
    private static SSLContext clientContext;
    private static WebSocketServer server;

    @BeforeAll
    static void start() throws Exception {
        SelfSignedTls tls = SelfSignedTls.create(directory);
        serverContext = tls.server();
        clientContext = tls.client();

        server = WebSocketServer.builder()
                .tls(serverContext)
                .maxMessageSize(4 << 20)
                .http("/", request -> HttpResponse.builder(200).textBody("Hello over TLS").build())
                .websocket("/echo", new WebSocketListener() {
                    @Override
                    public void onText(WebSocket socket, String text) {
                        socket.sendText(text);
                    }

                    @Override
                    public void onBinary(WebSocket socket, ByteBuffer data) {
                        socket.sendBinary(ByteBuffer.allocate(data.remaining()).put(data).flip());
                    }
                })
                .build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void httpsRouteAnswers() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(clientContext).build();
        var response = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/")).build(),
                BodyHandlers.ofString());
        assertEquals("Hello over TLS", response.body());
    }

    @Test
    void wssEchoesSmallAndLargeMessages() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(clientContext).build();
        JdkClientInteropTest.Collector collector = new JdkClientInteropTest.Collector();
        java.net.http.WebSocket ws = http.newWebSocketBuilder()
                .buildAsync(URI.create("wss://127.0.0.1:" + server.port() + "/echo"), collector)
                .get(10, TimeUnit.SECONDS);
        ws.sendText("你好服务器", true).get(5, TimeUnit.SECONDS);
        assertEquals("你好服务器", collector.next());
        byte[] large = new byte[3 << 20];
        new Random(7).nextBytes(large);
        ws.sendBinary(ByteBuffer.wrap(large), true).get(20, TimeUnit.SECONDS);
        org.junit.jupiter.api.Assertions.assertArrayEquals(large, (byte[]) collector.next());
        ws.sendClose(1000, "").get(5, TimeUnit.SECONDS);
        assertEquals("close 1000", collector.next());
    }
}
