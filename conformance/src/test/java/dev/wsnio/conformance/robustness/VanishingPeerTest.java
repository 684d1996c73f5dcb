package dev.wsnio.conformance.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsnio.conformance.cases.Payloads;
import dev.wsnio.frame.PerMessageDeflateConfig;
import dev.wsnio.testkit.wire.DeflateCodec;
import dev.wsnio.testkit.wire.Frame;
import dev.wsnio.testkit.wire.RawClient;
import dev.wsnio.testkit.wire.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Peers that vanish at the worst moments, with a TCP reset (SO_LINGER 0): mid-handshake,
 * mid-frame, mid-message, mid-close, while the server writes, mid compressed message. Every
 * time the server releases everything: TCP connections, WebSockets, exactly one
 * {@code onClose} per connection, the loop's registered channels and live timers.
 */
class VanishingPeerTest {

    private static final Duration RELEASE = Duration.ofSeconds(5);

    private ProbedServer server;

    @BeforeEach
    void start() throws IOException {
        server = new ProbedServer(builder -> builder.maxMessageSize(16 << 20)
                .permessageDeflate(PerMessageDeflateConfig.DEFAULTS.withCompressionThreshold(0)));
        // One clean exchange first, so that the probe knows the loop.
        try (Wire wire = upgrade("")) {
            wire.send(Frame.text("warm-up"));
            wire.expectText("warm-up");
        }
        server.awaitReleased(RELEASE);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Wire upgrade(String extensions) throws IOException {
        return RawClient.upgrade(server.port(), "/echo",
                extensions.isEmpty() ? "" : "Sec-WebSocket-Extensions: " + extensions + "\r\n",
                extensions.isEmpty() ? null : extensions);
    }

    private static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** Gives the server a moment to take in what was sent, so the reset finds it mid-way. */
    private static void letTheServerRead() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitTcpConnections(int count) {
        long deadline = System.nanoTime() + RELEASE.toNanos();
        while (server.server().tcpConnectionCount() != count) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the server holds " + server.server().tcpConnectionCount()
                        + " TCP connections, not " + count);
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void resetRightAfterConnectingReleasesEverything() throws IOException {
        Socket socket = RawClient.connect(server.port());
        awaitTcpConnections(1);
        reset(socket);
        server.awaitReleased(RELEASE);
    }

    @Test
    void resetMidHandshakeReleasesEverything() throws IOException {
        Socket socket = RawClient.connect(server.port());
        socket.getOutputStream().write("GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgr".getBytes(StandardCharsets.ISO_8859_1));
        awaitTcpConnections(1);
        letTheServerRead();
        reset(socket);
        server.awaitReleased(RELEASE);
    }

    @Test
    void resetMidFrameHeaderReleasesEverything() throws IOException {
        Wire wire = upgrade("");
        byte[] frame = wire.encode(Frame.binary(Payloads.binary(70_000)));
        wire.sendRaw(Payloads.slice(frame, 0, 5)); // inside the 64-bit length
        letTheServerRead();
        reset(wire.socket());
        server.awaitReleased(RELEASE);
        assertEquals(2, server.opened());
    }

    @Test
    void resetMidPayloadReleasesEverything() throws IOException {
        Wire wire = upgrade("");
        byte[] frame = wire.encode(Frame.binary(Payloads.binary(1 << 20)));
        wire.sendRaw(Payloads.slice(frame, 0, frame.length / 2));
        letTheServerRead();
        reset(wire.socket());
        server.awaitReleased(RELEASE);
    }

    @Test
    void resetMidFragmentedMessageReleasesEverything() throws IOException {
        Wire wire = upgrade("");
        wire.send(Frame.text("first fragment").notFinal(), Frame.continuation("second").notFinal());
        letTheServerRead();
        reset(wire.socket());
        server.awaitReleased(RELEASE);
    }

    @Test
    void resetRightAfterSendingCloseReleasesEverything() throws IOException {
        Wire wire = upgrade("");
        wire.send(Frame.close(1000, "bye"));
        reset(wire.socket());
        server.awaitReleased(RELEASE);
    }

    @Test
    void resetInsteadOfAnsweringTheServersCloseReleasesEverything() throws IOException {
        Wire wire = upgrade("");
        wire.send(Frame.text("x"));
        wire.expectText("x");
        server.server().connections().forEach(socket -> socket.close(1001, "going"));
        wire.expectClose(1001);
        reset(wire.socket());
        server.awaitReleased(RELEASE);
    }

    @Test
    void resetWhileTheServerWritesReleasesEverything() throws IOException {
        Wire wire = upgrade("");
        wire.socket().setReceiveBufferSize(4096);
        wire.send(Frame.binary(Payloads.binary(8 << 20)));
        InputStream in = wire.socket().getInputStream();
        in.readNBytes(1000); // the echo has started
        reset(wire.socket());
        server.awaitReleased(RELEASE);
    }

    @Test
    void resetMidCompressedMessageReleasesEverything() throws IOException {
        Wire wire = upgrade("permessage-deflate; server_no_context_takeover; client_no_context_takeover");
        DeflateCodec codec = new DeflateCodec(false, false);
        try {
            byte[] compressed = codec.compress(Payloads.mixedUtf8(1 << 20));
            wire.send(new Frame(false, Frame.RSV1, Frame.TEXT, Payloads.slice(compressed, 0, compressed.length / 2)));
        } finally {
            codec.end();
        }
        letTheServerRead();
        reset(wire.socket());
        server.awaitReleased(RELEASE);
    }

    @Test
    void twoHundredPeersVanishingInEveryStateReleaseEverything() throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            switch (i % 4) {
                case 0 -> sockets.add(RawClient.connect(server.port()));
                case 1 -> {
                    Socket socket = RawClient.connect(server.port());
                    socket.getOutputStream().write("GET /echo HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    sockets.add(socket);
                }
                case 2 -> {
                    Wire wire = upgrade("");
                    wire.send(Frame.text("half").notFinal());
                    sockets.add(wire.socket());
                }
                default -> {
                    Wire wire = upgrade("");
                    wire.sendRaw(Payloads.slice(wire.encode(Frame.binary(Payloads.binary(300))), 0, 100));
                    sockets.add(wire.socket());
                }
            }
        }
        awaitTcpConnections(200);
        for (Socket socket : sockets) {
            reset(socket);
        }
        server.awaitReleased(RELEASE);
        assertEquals(server.opened(), server.closed());
    }
}
