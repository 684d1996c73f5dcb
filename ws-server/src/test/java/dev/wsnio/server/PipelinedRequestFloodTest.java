package dev.wsnio.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.testkit.SelfSignedCertificate;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, finding 1: a client that pipelines plain HTTP requests and never reads the answers
 * must not make the server read (and answer) without bound. The server stops parsing while its
 * answers wait beyond a small mark, TCP slows the client down, and the response write timeout
 * cuts it off; meanwhile other clients are served. The same holds over TLS, where the answers
 * also wait as records.
 */
@Timeout(120)
class PipelinedRequestFloodTest {

    private static final int REQUESTS = 20_000;
    private static final int PAGE_BYTES = 16 * 1024;
    /** "Within a few MiB of where it started": the answers to 20,000 requests are 320 MiB. */
    private static final long HEAP_SLACK = 4L << 20;

    @TempDir
    static Path directory;

    private WebSocketServer server;
    private SSLContext clientTls;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String get(String path, String... headers) {
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        return request.append("\r\n").toString();
    }

    @Test
    void aClientThatPipelinesRequestsAndNeverReadsCannotGrowTheServersHeap() throws Exception {
        assertFloodIsBounded(WebSocketServer.builder());
    }

    @Test
    void overTlsToo() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create(directory);
        clientTls = certificate.trustingClientContext();
        assertFloodIsBounded(WebSocketServer.builder().tls(certificate.serverContext()));
    }

    private Socket connect(int receiveBuffer) throws IOException {
        Socket socket = clientTls != null ? clientTls.getSocketFactory().createSocket() : new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
        socket.setSoTimeout(10_000);
        if (socket instanceof SSLSocket tls) {
            tls.startHandshake();
        }
        return socket;
    }

    private void assertFloodIsBounded(WebSocketServer.Builder builder) throws Exception {
        AtomicInteger answered = new AtomicInteger();
        byte[] page = new byte[PAGE_BYTES];
        Arrays.fill(page, (byte) 'x');
        server = builder
                .http("/page", request -> {
                    answered.incrementAndGet();
                    return HttpResponse.builder(200).body("text/plain", page).build();
                })
                .http("/hello", request -> HttpResponse.builder(200).textBody("Hello World").build())
                .responseWriteTimeout(Duration.ofSeconds(3))
                .build().start();
        assertHelloAnswered(); // code paths warm, before the baseline
        answered.set(0);
        long before = LiveHeap.bytes();

        try (Socket flooder = connect(4096)) {
            Thread writer = new Thread(() -> flood(flooder), "flooder");
            writer.start();
            long peakGrowth = 0;
            while (true) {
                assertHelloAnswered(); // another client keeps getting answers
                long growth = LiveHeap.bytes() - before;
                peakGrowth = Math.max(peakGrowth, growth);
                assertTrue(growth < HEAP_SLACK, "live heap grew by " + growth + " bytes after "
                        + answered.get() + " answers to a client that reads nothing");
                if (answered.get() == REQUESTS || server.tcpConnectionCount() == 0) {
                    break; // everything answered, or the flooder was cut off
                }
            }
            assertTrue(answered.get() < REQUESTS / 10, "the server answered " + answered.get()
                    + " requests of a client that reads nothing (peak heap growth " + peakGrowth + " bytes)");
            writer.join(10_000);
        }
    }

    /** Sends every request, reads nothing; ends when all are sent or the server cut us off. */
    private static void flood(Socket flooder) {
        byte[] request = get("/page").getBytes(StandardCharsets.US_ASCII);
        try {
            OutputStream out = flooder.getOutputStream();
            for (int i = 0; i < REQUESTS; i++) {
                out.write(request);
            }
        } catch (IOException e) {
            // cut off by the server: what the test expects sooner or later
        }
    }

    private void assertHelloAnswered() throws IOException {
        try (Socket client = connect(0)) {
            client.getOutputStream().write(get("/hello", "Connection: close").getBytes(StandardCharsets.US_ASCII));
            String response = new String(client.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(response.startsWith("HTTP/1.1 200 ") && response.endsWith("Hello World"), response);
        }
    }
}
