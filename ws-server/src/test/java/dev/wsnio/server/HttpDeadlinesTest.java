package dev.wsnio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.testkit.wire.RawClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every phase of a plain HTTP connection ends: request head, request body, response written,
 * keep-alive idle. The server's own answers never extend them.
 */
@Timeout(60)
class HttpDeadlinesTest {

    private static final int BIG = 4 << 20;

    private WebSocketServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(WebSocketServer.Builder builder) {
        server = builder
                .http("/hello", request -> HttpResponse.builder(200).textBody("Hello World").build())
                .http("/big", request -> HttpResponse.builder(200).body("application/octet-stream", new byte[BIG]).build())
                .http("/echo", request -> HttpResponse.builder(200).textBody(request.bodyText()).build())
                .build().start();
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String readUntilClosed(Socket socket) throws IOException {
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    }

    @Test
    void aBodyThatDoesNotCompleteGets408AtTheRequestBodyTimeout() throws IOException {
        start(WebSocketServer.builder().requestBodyTimeout(Duration.ofMillis(300)));
        try (Socket client = RawClient.connect(server.port())) {
            send(client, "POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nonly ten b");
            String response = readUntilClosed(client);
            assertTrue(response.startsWith("HTTP/1.1 408 "), response);
            assertTrue(response.contains("Connection: close\r\n"), response);
        }
    }

    @Test
    void anIdleKeptAliveConnectionIsClosedAtTheKeepAliveTimeout() throws IOException {
        start(WebSocketServer.builder().keepAliveTimeout(Duration.ofMillis(300)));
        try (Socket client = RawClient.connect(server.port())) {
            send(client, get("/hello"));
            String response = readUntilClosed(client);
            assertTrue(response.startsWith("HTTP/1.1 200 ") && response.endsWith("Hello World"), response);
            assertTrue(!response.contains("Connection: close"), "kept alive, then closed when idle: " + response);
        }
    }

    @Test
    void theKeepAliveTimeoutDoesNotCutAResponseThatIsStillBeingRead() throws Exception {
        start(WebSocketServer.builder().keepAliveTimeout(Duration.ofMillis(100)));
        try (Socket client = new Socket()) {
            client.setReceiveBufferSize(16 * 1024);
            client.connect(new InetSocketAddress("127.0.0.1", server.port()));
            client.setSoTimeout(10_000);
            client.getOutputStream().write(get("/big").getBytes(StandardCharsets.US_ASCII));
            InputStream in = client.getInputStream();
            byte[] chunk = new byte[64 * 1024];
            long received = 0;
            int count;
            while ((count = in.read(chunk)) >= 0 && received < BIG) {
                received += count;
                Thread.sleep(1); // a slow reader: the 4 MiB take longer than the keep-alive timeout
            }
            assertTrue(received >= BIG, "received " + received + " bytes of a " + BIG + "-byte body");
        }
    }

    @Test
    void aClientThatKeepsAskingAndNeverReadsIsCutOffAtTheResponseWriteTimeout() throws Exception {
        start(WebSocketServer.builder().responseWriteTimeout(Duration.ofMillis(500)));
        CountDownLatch cutOff = new CountDownLatch(1);
        try (Socket client = new Socket()) {
            client.setReceiveBufferSize(4096);
            client.connect(new InetSocketAddress("127.0.0.1", server.port()));
            Thread asker = new Thread(() -> {
                byte[] request = get("/big").getBytes(StandardCharsets.US_ASCII);
                try {
                    OutputStream out = client.getOutputStream();
                    while (true) {
                        out.write(request); // a new request now and then: answers must not re-arm
                        Thread.sleep(20);
                    }
                } catch (IOException e) {
                    cutOff.countDown();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "asker");
            asker.start();
            assertTrue(cutOff.await(30, TimeUnit.SECONDS), "the server never closed a client that reads nothing");
        }
    }

    @Test
    void aConnectionThatGotItsLastResponseAndStaysOpenIsClosed() throws IOException {
        start(WebSocketServer.builder().keepAliveTimeout(Duration.ofMillis(300)));
        try (Socket client = RawClient.connect(server.port())) {
            send(client, "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            String response = readUntilClosed(client); // the server half-closed after the answer
            assertTrue(response.endsWith("Hello World"), response);
            // we do not close our side: the server closes its socket anyway
            assertEquals(0, awaitNoConnections());
        }
    }

    /** The server's connection count once it reaches 0, or after 10 s. */
    private int awaitNoConnections() {
        for (int i = 0; i < 1000 && server.tcpConnectionCount() > 0; i++) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return server.tcpConnectionCount();
    }
}
