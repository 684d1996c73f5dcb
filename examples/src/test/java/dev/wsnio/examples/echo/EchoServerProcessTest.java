package dev.wsnio.examples.echo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.client.WebSocketClient;
import dev.wsnio.examples.Main;
import dev.wsnio.examples.PerMessageDeflateSetup;
import dev.wsnio.testkit.ChildProcess;
import dev.wsnio.testkit.JdkClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code echo-server} as a process: what the testee for conformance and load tools must do. */
@Timeout(60)
class EchoServerProcessTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern LISTENING = Pattern.compile("echo-server listening on (ws://127\\.0\\.0\\.1:\\d+/)");

    private static ChildProcess echo;
    private static URI uri;

    @BeforeAll
    static void startEchoServer() throws Exception {
        echo = ChildProcess.startJava(Main.class, "echo-server", "--port", "0");
        uri = URI.create(echo.awaitLine(LISTENING, WAIT).group(1));
    }

    @AfterAll
    static void killEchoServer() throws Exception {
        echo.close();
    }

    @Test
    void echoesTextUnchanged() throws Exception {
        try (JdkClient client = JdkClient.connect(uri)) {
            for (String text : new String[] {"", "hello", "你好服务器 🚀", "x".repeat(70_000)}) {
                client.sendText(text);
                assertEquals(text, client.next(WAIT));
            }
        }
    }

    @Test
    void echoesBinaryUnchanged() throws Exception {
        try (JdkClient client = JdkClient.connect(uri)) {
            for (int length : new int[] {0, 1, 125, 126, 65_535, 65_536, 300_000}) {
                byte[] data = new byte[length];
                new Random(length).nextBytes(data);
                client.sendBinary(data);
                assertArrayEquals(data, (byte[]) client.next(WAIT), "length " + length);
            }
        }
    }

    @Test
    void echoesMessagesFarAboveTheLibraryDefaultLimit() throws Exception {
        byte[] data = new byte[20 << 20]; // 20 MiB: the default limit is 1 MiB
        new Random(20).nextBytes(data);
        try (JdkClient client = JdkClient.connect(uri)) {
            client.sendBinary(data);
            assertArrayEquals(data, (byte[]) client.next(WAIT));
        }
    }

    @Test
    void echoesFragmentedMessagesAsOneMessage() throws Exception {
        String text = "fragment ".repeat(2_000);
        try (JdkClient client = JdkClient.connect(uri)) {
            client.sendText(text, 1_000);
            assertEquals(text, client.next(WAIT));
        }
    }

    @Test
    void acceptsPermessageDeflateWhenOffered() throws Exception {
        String text = "compressible ".repeat(100_000);
        CompletableFuture<String> echoed = new CompletableFuture<>();
        try (WebSocketClient client = PerMessageDeflateSetup.offer(WebSocketClient.builder().maxMessageSize(4 << 20)).build()) {
            WebSocket socket = client.connect(uri, new WebSocketListener() {
                @Override
                public void onText(WebSocket webSocket, String message) {
                    echoed.complete(message);
                }
            }).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertTrue(socket.extensions().startsWith("permessage-deflate"), socket.extensions());

            socket.sendText(text);
            assertEquals(text, echoed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void plainGetSaysWhatItIs() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(uri.toString().replace("ws://", "http://"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.body().startsWith("wsnio echo server"), response.body());
    }

    @Test
    void stopsGracefullyWhenTerminated() throws Exception {
        try (ChildProcess server = ChildProcess.startJava(Main.class, "echo-server", "--port", "0");
             JdkClient client = JdkClient.connect(URI.create(server.awaitLine(LISTENING, WAIT).group(1)))) {
            server.terminate();

            assertEquals(1001, client.awaitClose(WAIT), "open connections get a close frame: going away");
            server.awaitExit(WAIT);
            server.awaitLine(Pattern.compile("stopped"), WAIT);
        }
    }

    @Test
    void refusesAnInvalidPortWithUsageStatus() throws Exception {
        try (ChildProcess server = ChildProcess.startJava(Main.class, "echo-server", "--port", "70000")) {
            assertEquals(2, server.awaitExit(WAIT));
            assertTrue(server.err().text().contains("error: --port must be between 0 and 65535, not 70000"),
                    server.err().text());
        }
    }

    @Test
    void anOutOfMemoryErrorStopsTheServerAndTheProcessExitsWithAFailureStatus() throws Exception {
        try (ChildProcess small = ChildProcess.startJava(List.of("-Xmx48m"), Main.class, "echo-server", "--port", "0",
                "--max-message-mib", "1024")) {
            URI target = URI.create(small.awaitLine(LISTENING, WAIT).group(1));
            try (Socket socket = new Socket("127.0.0.1", target.getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                long size = 512L << 20; // a message the 48 MiB heap cannot gather
                ByteBuffer header = ByteBuffer.allocate(14).put((byte) 0x82).put((byte) (0x80 | 127)).putLong(size)
                        .putInt(0); // masking key 0: the payload goes as it is
                out.write(header.array());
                byte[] chunk = new byte[1 << 20];
                try {
                    for (long sent = 0; sent < size; sent += chunk.length) {
                        out.write(chunk);
                    }
                } catch (IOException stopped) {
                    // the server closed the connection when it stopped: expected
                }
            }
            assertEquals(Main.FAILURE, small.awaitExit(WAIT), small.err().text());
            assertTrue(small.err().text().contains("the server stopped after a failure: java.lang.OutOfMemoryError"),
                    small.err().text());
        }
    }
}
