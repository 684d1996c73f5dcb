package dev.wsnio.conformance.robustness;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.testkit.wire.Frame;
import dev.wsnio.testkit.wire.HandshakeText;
import dev.wsnio.testkit.wire.RawClient;
import dev.wsnio.testkit.wire.Wire;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Slow and idle clients (slowloris): a head trickled in byte by byte is cut at the handshake
 * timeout (answered 408, RFC 9110 §15.5.9, then closed), and thousands of sockets that connect and say nothing neither stop others from
 * connecting and exchanging messages nor outlive the timeout themselves.
 */
class SlowlorisTest {

    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(3);

    private ProbedServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aHeadTrickledByteByByteIsCutAtTheHandshakeTimeout() throws Exception {
        server = new ProbedServer(builder -> builder.handshakeTimeout(Duration.ofMillis(300)));
        byte[] request = HandshakeText.request("/echo", "").getBytes(StandardCharsets.ISO_8859_1);
        AtomicInteger written = new AtomicInteger();
        try (Socket socket = RawClient.connect(server.port())) {
            long start = System.nanoTime();
            CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    for (byte b : request) {
                        out.write(b);
                        out.flush();
                        written.incrementAndGet();
                        Thread.sleep(20); // 50 bytes a second: the head would take 3 s
                    }
                } catch (IOException | InterruptedException e) {
                    // cut off: what the test expects
                }
            });
            String answer;
            try {
                answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            } catch (SocketException reset) {
                answer = "(reset)";
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(answer.startsWith("HTTP/1.1 408 "), "the server answered 408, then closed: " + answer);
            assertTrue(millis >= 250 && millis < 2000, "cut after " + millis + " ms (timeout 300 ms)");
            assertTrue(written.get() < request.length, "the head was not complete when cut");
            socket.close();
            trickle.get(5, TimeUnit.SECONDS);
        }
        server.awaitReleased(Duration.ofSeconds(5));
    }

    @Test
    void twoThousandIdleSocketsDoNotStopOthersAndAreCutAtTheTimeout() throws Exception {
        server = new ProbedServer(builder -> builder.handshakeTimeout(HANDSHAKE_TIMEOUT));
        List<Socket> idle = new ArrayList<>();
        try {
            long start = System.nanoTime();
            for (int i = 0; i < 2000; i++) {
                idle.add(RawClient.connect(server.port()));
            }
            // Others still connect and exchange messages, before the idle ones time out.
            for (int i = 0; i < 20; i++) {
                try (Wire wire = RawClient.upgrade(server.port(), "/echo", "")) {
                    wire.send(Frame.text("still served " + i));
                    wire.expectText("still served " + i);
                }
            }
            long servedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(servedAfter < HANDSHAKE_TIMEOUT.toMillis(),
                    "the others were served only after " + servedAfter + " ms");
            // Every idle socket is then closed by the server at its handshake timeout.
            for (Socket socket : idle) {
                socket.setSoTimeout(5_000);
                try {
                    assertTrue(socket.getInputStream().read() < 0, "an idle socket got an answer");
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("an idle socket outlived the handshake timeout by 5 s");
                } catch (SocketException reset) {
                    // closed: fine
                }
            }
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
        server.awaitReleased(Duration.ofSeconds(5));
    }
}
