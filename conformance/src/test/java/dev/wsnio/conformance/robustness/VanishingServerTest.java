package dev.wsnio.conformance.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.client.WebSocketConnectException;
import dev.wsnio.conformance.cases.Payloads;
import dev.wsnio.conformance.testee.Behaviour;
import dev.wsnio.conformance.testee.ClientTestee;
import dev.wsnio.conformance.testee.TesteeListener;
import dev.wsnio.testkit.wire.Frame;
import dev.wsnio.testkit.wire.HandshakeText;
import dev.wsnio.testkit.wire.Side;
import dev.wsnio.testkit.wire.Wire;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's side of vanishing peers: a server that resets the connection mid-handshake,
 * mid-frame or mid-close. The connect fails with a typed error, or the open connection reports
 * {@code onClose} with 1006 exactly once; nothing is left open.
 */
class VanishingServerTest {

    private ClientTestee client;

    @BeforeEach
    void start() {
        client = new ClientTestee();
    }

    @AfterEach
    void stop() {
        client.close();
    }

    private static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Test
    void resetBeforeTheResponseFailsTheConnect() throws Exception {
        CompletableFuture<WebSocket> connecting = client.connect("/echo", new TesteeListener(Behaviour.ECHO));
        Socket socket = client.accept();
        HandshakeText.readHead(socket.getInputStream());
        reset(socket);
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> connecting.get(5, TimeUnit.SECONDS));
        assertTrue(failure.getCause() instanceof WebSocketConnectException, String.valueOf(failure.getCause()));
        client.awaitAllReleased();
    }

    @Test
    void resetMidResponseHeadFailsTheConnect() throws Exception {
        CompletableFuture<WebSocket> connecting = client.connect("/echo", new TesteeListener(Behaviour.ECHO));
        Socket socket = client.accept();
        HandshakeText.readHead(socket.getInputStream());
        socket.getOutputStream().write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: webs".getBytes());
        socket.getOutputStream().flush();
        reset(socket);
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> connecting.get(5, TimeUnit.SECONDS));
        assertTrue(failure.getCause() instanceof WebSocketConnectException, String.valueOf(failure.getCause()));
        client.awaitAllReleased();
    }

    @Test
    void resetMidFrameClosesWith1006Once() throws Exception {
        try (Wire wire = client.open(Behaviour.ECHO)) {
            byte[] frame = wire.encode(Frame.binary(Payloads.binary(100_000)));
            wire.sendRaw(Payloads.slice(frame, 0, 50_000));
            reset(wire.socket());
        }
        client.awaitAllReleased();
    }

    @Test
    void resetAfterTheClientsCloseReportsOnCloseOnce() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        CompletableFuture<WebSocket> connecting = client.connect("/echo", new WebSocketListener() {
            @Override
            public void onClose(WebSocket socket, int code, String reason) {
                events.add("close " + code);
            }

            @Override
            public void onBinary(WebSocket socket, ByteBuffer data) {
                events.add("binary");
            }
        });
        Socket socket = client.accept();
        BufferedInputStream in = new BufferedInputStream(socket.getInputStream());
        String key = client.checkRequest(HandshakeText.readHead(in), "/echo");
        socket.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + HandshakeText.acceptFor(key) + "\r\n\r\n").getBytes());
        WebSocket opened = connecting.get(5, TimeUnit.SECONDS);
        opened.close(1000, "bye");
        Wire wire = new Wire(socket, in, Side.CLIENT);
        wire.expectClose(1000);
        reset(socket); // instead of answering
        assertEquals("close 1006", events.poll(5, TimeUnit.SECONDS));
        assertEquals(null, events.poll(200, TimeUnit.MILLISECONDS), "onClose comes once");
        client.awaitAllReleased();
    }
}
