package dev.wsnio.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.ConnectionSettings;
import dev.wsnio.SendCallback;
import dev.wsnio.SendQueueFullException;
import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.engine.EventLoop;
import dev.wsnio.engine.WebSocketConnection;
import dev.wsnio.testkit.wire.Frame;
import dev.wsnio.testkit.wire.RawClient;
import dev.wsnio.testkit.wire.Wire;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lending rule of {@link WebSocket}'s <b>Buffers</b>: a buffer a callback is lent may be
 * passed to a send made during the callback, and what goes out is what arrived, although the
 * loop reads the next messages into the same buffer before the echo is written; and the sends
 * that tell a {@link SendCallback} instead of returning a future.
 */
class LentBufferSendTest {

    /** Larger than the write queue copies at once (4 KiB), four to a read of the loop's 64 KiB buffer. */
    private static final int LARGE = 16 * 1024;
    private static final int MESSAGES = 24;

    private WebSocketServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static byte[][] distinctMessages(long seed) {
        Random random = new Random(seed);
        byte[][] messages = new byte[MESSAGES][LARGE];
        for (byte[] message : messages) {
            random.nextBytes(message);
        }
        return messages;
    }

    /** All frames at once, so that the server reads several into its buffer in one turn. */
    private static void sendAll(Wire client, byte[][] messages) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        Random maskKeys = new Random(7);
        for (byte[] message : messages) {
            all.writeBytes(Frame.binary(message).encode(maskKeys));
        }
        CompletableFuture.runAsync(() -> {
            try {
                client.sendRaw(all.toByteArray());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void anEchoOfTheLentBufferIsWhatArrivedThoughTheNextReadsReuseTheBuffer() throws Exception {
        server = WebSocketServer.builder().port(0).eventLoops(1)
                .websocket("/echo", new WebSocketListener() {
                    @Override
                    public void onBinary(WebSocket socket, ByteBuffer data) {
                        socket.sendBinary(data, SendCallback.NONE);
                    }
                }).build().start();
        long seed = 20261206L;
        byte[][] messages = distinctMessages(seed);
        try (Wire client = RawClient.upgrade(server.port(), "/echo", "")) {
            sendAll(client, messages);
            for (int i = 0; i < MESSAGES; i++) {
                assertArrayEquals(messages[i], client.readFrame().payload(), "echo " + i + " (seed " + seed + ")");
            }
        }
    }

    @Test
    void textEchoedFromTheLoopIsWhatArrivedThoughEachSendIsEncodedIntoTheLoopsReusedArray() throws Exception {
        server = WebSocketServer.builder().port(0).eventLoops(1)
                .websocket("/echo", new WebSocketListener() {
                    @Override
                    public void onText(WebSocket socket, String text) {
                        socket.sendText(text, SendCallback.NONE); // encoded into the loop's TextEncoder
                    }
                }).build().start();
        long seed = 1206L;
        Random random = new Random(seed);
        String[] texts = new String[MESSAGES];
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        Random maskKeys = new Random(7);
        for (int i = 0; i < MESSAGES; i++) {
            StringBuilder text = new StringBuilder(LARGE);
            for (int c = 0; c < LARGE / 2; c++) {
                text.append((char) ('a' + random.nextInt(26))).append(c % 64 == 0 ? 'é' : ' ');
            }
            texts[i] = text.toString();
            all.writeBytes(Frame.text(texts[i]).encode(maskKeys));
        }
        try (Wire client = RawClient.upgrade(server.port(), "/echo", "")) {
            CompletableFuture.runAsync(() -> {
                try {
                    client.sendRaw(all.toByteArray());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            for (int i = 0; i < MESSAGES; i++) {
                String echo = new String(client.readFrame().payload(), StandardCharsets.UTF_8);
                assertTrue(texts[i].equals(echo), "echo " + i + " differs from what was sent (seed " + seed + ")");
            }
        }
    }

    @Test
    void aRelayOfTheLentBufferToAConnectionOnAnotherLoopIsWhatArrived() throws Exception {
        CompletableFuture<WebSocket> sink = new CompletableFuture<>();
        CompletableFuture<EventLoop> sourceLoop = new CompletableFuture<>();
        server = WebSocketServer.builder().port(0).eventLoops(2)
                .websocket("/sink", new WebSocketListener() {
                    @Override
                    public void onOpen(WebSocket socket) {
                        sink.complete(socket);
                    }
                })
                .websocket("/source", new WebSocketListener() {
                    @Override
                    public void onBinary(WebSocket socket, ByteBuffer data) {
                        sourceLoop.complete(loopOf(socket));
                        sink.join().sendBinary(data, SendCallback.NONE); // queued on the other loop
                    }
                }).build().start();
        long seed = 6L;
        byte[][] messages = distinctMessages(seed);
        try (Wire receiver = RawClient.upgrade(server.port(), "/sink", "");
             Wire sender = RawClient.upgrade(server.port(), "/source", "")) {
            WebSocket sinkSocket = sink.get(5, TimeUnit.SECONDS);
            sendAll(sender, messages);
            for (int i = 0; i < MESSAGES; i++) {
                assertArrayEquals(messages[i], receiver.readFrame().payload(), "relayed " + i + " (seed " + seed + ")");
            }
            assertNotSame(loopOf(sinkSocket), sourceLoop.get(5, TimeUnit.SECONDS),
                    "the two connections are on different loops (round robin), so the relay is queued");
        }
    }

    private static EventLoop loopOf(WebSocket socket) {
        return ((WebSocketConnection) socket).connection().loop();
    }

    @Test
    void aCompressedSendFromTheLoopLeavesTheBuffersPositionAsItWas() throws Exception {
        CompletableFuture<Integer> positionAfterSend = new CompletableFuture<>();
        server = WebSocketServer.builder().port(0).permessageDeflate()
                .websocket("/greet", new WebSocketListener() {
                    @Override
                    public void onOpen(WebSocket socket) {
                        ByteBuffer message = ByteBuffer.wrap(new byte[4096]); // zeros: compressed
                        socket.sendBinary(message, SendCallback.NONE); // runs at once, on the loop
                        positionAfterSend.complete(message.position());
                    }
                }).build().start();
        try (Wire client = RawClient.upgrade(server.port(), "/greet",
                "Sec-WebSocket-Extensions: permessage-deflate\r\n",
                "permessage-deflate; server_no_context_takeover; client_no_context_takeover")) {
            assertEquals(0, positionAfterSend.get(5, TimeUnit.SECONDS));
            assertEquals(Frame.RSV1, client.readFrame().rsv(), "the message went out compressed");
        }
    }

    @Test
    void aSendCallbackIsToldOnceTheMessageIsWritten() throws Exception {
        BlockingQueue<Object> told = new LinkedBlockingQueue<>();
        server = WebSocketServer.builder().port(0)
                .websocket("/greet", new WebSocketListener() {
                    @Override
                    public void onOpen(WebSocket socket) {
                        socket.sendText("welcome", failure -> told.add(failure == null ? "written" : failure));
                    }
                }).build().start();
        try (Wire client = RawClient.upgrade(server.port(), "/greet", "")) {
            client.expectText("welcome");
            assertEquals("written", told.poll(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aSendCallbackIsToldWhyASendWasRefused() throws Exception {
        CompletableFuture<WebSocket> opened = new CompletableFuture<>();
        server = WebSocketServer.builder().port(0)
                .settings(ConnectionSettings.DEFAULTS.withMaxQueuedBytes(1024))
                .websocket("/quiet", new WebSocketListener() {
                    @Override
                    public void onOpen(WebSocket socket) {
                        opened.complete(socket);
                    }
                }).build().start();
        try (Wire client = RawClient.upgrade(server.port(), "/quiet", "")) {
            WebSocket socket = opened.get(5, TimeUnit.SECONDS);
            BlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();
            ByteBuffer big = ByteBuffer.allocate(100_000);
            for (int i = 0; i < 200 && failures.isEmpty(); i++) { // the client reads nothing
                socket.sendBinary(big, failure -> {
                    if (failure != null) {
                        failures.add(failure);
                    }
                });
            }
            assertInstanceOf(SendQueueFullException.class, failures.poll(5, TimeUnit.SECONDS));
            socket.abort();
            ((WebSocketConnection) socket).closeFuture().get(5, TimeUnit.SECONDS);
            BlockingQueue<Throwable> afterClose = new LinkedBlockingQueue<>();
            socket.sendBinary(ByteBuffer.allocate(1), afterClose::add);
            assertInstanceOf(IllegalStateException.class, afterClose.poll(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aSendCallbackThatThrowsClosesTheConnectionWith1011() throws Exception {
        server = WebSocketServer.builder().port(0)
                .websocket("/greet", new WebSocketListener() {
                    @Override
                    public void onOpen(WebSocket socket) {
                        socket.sendText("welcome", failure -> {
                            throw new IllegalStateException("the application's bug");
                        });
                    }
                }).build().start();
        try (Wire client = RawClient.upgrade(server.port(), "/greet", "")) {
            client.expectText("welcome");
            client.expectClose(1011);
        }
    }
}
