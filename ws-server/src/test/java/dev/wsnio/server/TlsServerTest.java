package dev.wsnio.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.testkit.JdkClient;
import dev.wsnio.testkit.SelfSignedCertificate;
import java.io.InputStream;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
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

    @Test
    void alpnSelectsHttp11WhenOfferedAndIsLeftOutOtherwise() throws Exception {
        assertEquals("http/1.1", negotiatedProtocol("h2", "http/1.1"));
        assertEquals("", negotiatedProtocol("h2"), "no match: the handshake goes on without ALPN");
    }

    private static String negotiatedProtocol(String... offered) throws Exception {
        try (SSLSocket socket = (SSLSocket) clientContext.getSocketFactory().createSocket("127.0.0.1", server.port())) {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setApplicationProtocols(offered);
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return socket.getApplicationProtocol();
        }
    }

    @Test
    void aTls12ClientThatRenegotiatesIsCutOff() throws Exception {
        try (SSLSocket socket = (SSLSocket) clientContext.getSocketFactory().createSocket("127.0.0.1", server.port())) {
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.setSoTimeout(10_000);
            byte[] request = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            socket.getOutputStream().write(request);
            String first = readResponse(socket.getInputStream());
            assertTrue(first.endsWith("Hello over TLS"), first);

            socket.startHandshake(); // a second handshake on the open connection: renegotiation
            boolean cutOff;
            try {
                socket.getOutputStream().write(request);
                cutOff = socket.getInputStream().read() < 0;
            } catch (SSLException | SocketException e) {
                cutOff = true;
            }
            assertTrue(cutOff, "the server answered after a renegotiation");
        }
    }

    private static String readResponse(InputStream in) throws Exception {
        StringBuilder response = new StringBuilder();
        while (!response.toString().endsWith("Hello over TLS")) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            response.append((char) next);
        }
        return response.toString();
    }
}
