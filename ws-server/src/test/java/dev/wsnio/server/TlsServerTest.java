package dev.wsnio.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsnio.handshake.HttpResponse;
import dev.wsnio.testkit.JdkClient;
import dev.wsnio.testkit.SelfSignedCertificate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** wss:// and https:// on one port, with a self-signed certificate made by the JDK's keytool. */
class TlsServerTest {

    @TempDir
    static Path directory;
    private static SSLContext clientContext;
    private static WebSocketServer server;

    @BeforeAll
    static void start() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create(directory);
        clientContext = certificate.trustingClientContext();
        server = WebSocketServer.builder()
                .tls(certificate.serverContext())
                .maxMessageSize(4 << 20)
                .http("/", request -> HttpResponse.builder(200).textBody("Hello over TLS").build())
                .websocket("/echo", new EchoListener())
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
        try (JdkClient client = JdkClient.connect(http, URI.create("wss://127.0.0.1:" + server.port() + "/echo"))) {
            client.sendText("你好服务器");
            assertEquals("你好服务器", client.next());
            byte[] large = new byte[3 << 20];
            new Random(7).nextBytes(large);
            client.sendBinary(large);
            assertArrayEquals(large, (byte[]) client.next(Duration.ofSeconds(20)));
            client.sendClose(1000, "");
            assertEquals(1000, client.awaitClose(Duration.ofSeconds(5)));
        }
    }
}
