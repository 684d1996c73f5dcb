package dev.wsnio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.testkit.wire.Frame;
import dev.wsnio.testkit.wire.HandshakeText;
import dev.wsnio.testkit.wire.RawClient;
import dev.wsnio.testkit.wire.Side;
import dev.wsnio.testkit.wire.Wire;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Pipelined requests (RFC 9112 §9.3.2) are all answered, in order, while the server parses them
 * only as fast as the client reads the answers; nothing is lost when parsing pauses and
 * resumes, when the client half-closes after its last request, or when an upgrade follows.
 */
@Timeout(60)
class HttpPipeliningTest {

    private static final int PAGE_BYTES = 16 * 1024;

    private WebSocketServer server;

    @BeforeEach
    void start() {
        server = WebSocketServer.builder()
                .http("/page", request -> {
                    String number = request.queryParameter("n").orElse("?");
                    byte[] page = new byte[PAGE_BYTES];
                    byte[] label = (number + ";").getBytes(StandardCharsets.US_ASCII);
                    System.arraycopy(label, 0, page, 0, label.length);
                    return HttpResponse.builder(200).body("text/plain", page).build();
                })
                .websocket("/ws", new WebSocketListener() {
                    @Override
                    public void onText(WebSocket socket, String text) {
                        socket.sendText("echo " + text);
                    }
                })
                .build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The input {@link #connect} read through: responses, then frames, all from one buffer. */
    private InputStream input;

    /** A plain connection whose bytes a test writes itself, as plain HTTP and then WebSocket. */
    private Wire connect(int port) throws IOException {
        Socket socket = RawClient.connect(port);
        input = new BufferedInputStream(socket.getInputStream());
        return new Wire(socket, input, Side.SERVER);
    }

    private static byte[] requests(int count, String lastHeaders) {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < count; i++) {
            all.append("GET /page?n=").append(i).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                    .append(i == count - 1 ? lastHeaders : "").append("\r\n");
        }
        return all.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads one response with a Content-Length body; returns the number the page starts with. */
    private static String readPageNumber(DataInputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            head.write(in.readUnsignedByte());
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("HTTP/1.1 200 "), text);
        int at = text.indexOf("Content-Length: ") + "Content-Length: ".length();
        byte[] body = new byte[Integer.parseInt(text.substring(at, text.indexOf("\r\n", at)))];
        in.readFully(body);
        String page = new String(body, StandardCharsets.US_ASCII);
        return page.substring(0, page.indexOf(';'));
    }

    @Test
    void thousandsOfPipelinedRequestsAreAllAnsweredInOrderToAClientThatReads() throws Exception {
        int count = 3_000; // 47 MiB of answers: parsing pauses and resumes many times
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(20_000);
            AtomicReference<IOException> sendFailure = new AtomicReference<>();
            Thread sender = new Thread(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(requests(count, ""));
                    out.flush();
                } catch (IOException e) {
                    sendFailure.set(e);
                }
            });
            sender.start();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            for (int i = 0; i < count; i++) {
                assertEquals(Integer.toString(i), readPageNumber(in));
            }
            sender.join();
            assertEquals(null, sendFailure.get());
        }
    }

    @Test
    void aClientThatHalfClosesAfterItsRequestsGetsEveryAnswerThenTheEnd() throws Exception {
        int count = 500;
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(20_000);
            Thread sender = new Thread(() -> {
                try {
                    socket.getOutputStream().write(requests(count, ""));
                    socket.shutdownOutput(); // like `printf ... | nc -N`: all asked, then end of stream
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            sender.start();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            for (int i = 0; i < count; i++) {
                assertEquals(Integer.toString(i), readPageNumber(in));
            }
            assertEquals(-1, in.read(), "the server closes after the last answer");
            sender.join();
        }
    }

    @Test
    void anUpgradeBehindPipelinedRequestsOpensAfterTheirAnswers() throws Exception {
        int count = 50;
        try (Wire wire = connect(server.port())) {
            String upgrade = HandshakeText.request("/ws", "");
            byte[] ask = requests(count, "");
            byte[] all = new byte[ask.length + upgrade.length()];
            System.arraycopy(ask, 0, all, 0, ask.length);
            System.arraycopy(upgrade.getBytes(StandardCharsets.US_ASCII), 0, all, ask.length, upgrade.length());
            wire.sendRaw(all);
            wire.send(Frame.text("hi"));
            DataInputStream in = new DataInputStream(input);
            for (int i = 0; i < count; i++) {
                assertEquals(Integer.toString(i), readPageNumber(in));
            }
            assertTrue(HandshakeText.readHead(input).startsWith("HTTP/1.1 101 "));
            wire.expectText("echo hi");
        }
    }

    @Test
    void framesSentRightBehindTheUpgradeWaitForAnAsynchronousHookAndReachTheSocket() throws Exception {
        java.util.concurrent.CompletableFuture<UpgradeDecision> decision = new java.util.concurrent.CompletableFuture<>();
        try (WebSocketServer asynchronous = WebSocketServer.builder()
                .websocket("/later", WebSocketEndpoint.builder(new WebSocketListener() {
                    @Override
                    public void onText(WebSocket socket, String text) {
                        socket.sendText("echo " + text);
                    }
                }).asyncUpgradeHook(request -> decision).build())
                .build().start();
             Wire wire = connect(asynchronous.port())) {
            wire.sendRaw(HandshakeText.request("/later", "").getBytes(StandardCharsets.ISO_8859_1));
            wire.send(Frame.text("first"), Frame.text("second")); // RFC 6455 §4.1: right away
            decision.complete(UpgradeDecision.accept());
            assertTrue(HandshakeText.readHead(input).startsWith("HTTP/1.1 101 "));
            wire.expectText("echo first");
            wire.expectText("echo second");
        }
    }
}
