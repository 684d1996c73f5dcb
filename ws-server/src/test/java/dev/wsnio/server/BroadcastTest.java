package dev.wsnio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.ConnectionSettings;
import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.testkit.wire.Frame;
import dev.wsnio.testkit.wire.RawClient;
import dev.wsnio.testkit.wire.Wire;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Broadcasts and topics as the connections see them, on real sockets: a consumer too slow for
 * its send queue is skipped and named (and counted, and recorded for the operator), a
 * connection that is closing is neither sent to nor named, binary messages go out as they are;
 * and the topic calls on connections that are not (or no longer) members.
 */
@Timeout(60)
class BroadcastTest {

    private final BlockingQueue<WebSocket> opened = new LinkedBlockingQueue<>();
    private WebSocketServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(ConnectionSettings settings) {
        server = WebSocketServer.builder().settings(settings).websocket("/ws", new WebSocketListener() {
            @Override
            public void onOpen(WebSocket socket) {
                opened.add(socket);
            }
        }).build().start();
    }

    private WebSocket nextOpened() throws InterruptedException {
        WebSocket socket = opened.poll(10, TimeUnit.SECONDS);
        assertTrue(socket != null, "a connection opened");
        return socket;
    }

    @Test
    void aConsumerTooSlowForItsSendQueueIsSkippedNamedCountedAndRecorded() throws Exception {
        start(ConnectionSettings.DEFAULTS.withMaxQueuedBytes(64 * 1024));
        Path file = Files.createTempFile("wsnio-slow-consumer", ".jfr");
        try (Recording recording = new Recording();
             Wire slow = RawClient.upgrade(server.port(), "/ws", "")) {
            recording.enable("dev.wsnio.SlowConsumer");
            recording.start();
            WebSocket slowSocket = nextOpened();
            ByteBuffer message = ByteBuffer.allocate(60 * 1024);
            BroadcastResult result = null;
            int sent = 0;
            // The peer reads nothing: once the sockets' buffers are full its queue stays full.
            while (result == null || result.skipped().isEmpty()) {
                assertTrue(sent < 10_000, "never skipped");
                result = server.broadcast(message.duplicate());
                sent++;
            }
            assertEquals(List.of(slowSocket), result.skipped());
            assertEquals(0, result.queued());
            assertEquals(1, server.stats().sendsRefused());
            recording.stop();
            recording.dump(file);
            slow.socket().setSoLinger(true, 0); // leave without reading: a reset, not a closing handshake
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        Files.delete(file);
        RecordedEvent event = events.stream()
                .filter(e -> e.getEventType().getName().equals("dev.wsnio.SlowConsumer")).findFirst().orElseThrow();
        assertEquals("/ws", event.getString("path"));
        assertEquals(60 * 1024, event.getLong("refusedBytes"));
        assertTrue(event.getLong("queuedBytes") > 0);
    }

    @Test
    void aConnectionThatIsClosingIsNeitherSentToNorNamed() throws Exception {
        start(ConnectionSettings.DEFAULTS);
        try (Wire closing = RawClient.upgrade(server.port(), "/ws", "")) {
            WebSocket socket = nextOpened();
            socket.close(1000, "going");
            closing.expectClose(1000); // and no answer yet: the server waits for ours
            assertFalse(socket.isOpen());
            assertEquals(1, server.connections().size(), "still there until its closing handshake ends");
            BroadcastResult result = server.broadcast(ByteBuffer.wrap(new byte[] {1, 2}));
            assertEquals(0, result.queued());
            assertEquals(List.of(), result.skipped(), "closing is not slow");
            closing.send(Frame.close(1000, ""));
            closing.expectEndOfStream();
        }
    }

    @Test
    void aBinaryBroadcastArrivesAsItWasGiven() throws Exception {
        start(ConnectionSettings.DEFAULTS);
        try (Wire wire = RawClient.upgrade(server.port(), "/ws", "")) {
            nextOpened();
            ByteBuffer data = ByteBuffer.wrap(new byte[] {9, 8, 7, 6, 5});
            data.position(1);
            assertEquals(1, server.broadcast(data).queued());
            assertEquals(1, data.position(), "the caller's buffer is left as it was");
            wire.expectBinary(new byte[] {8, 7, 6, 5});
            wire.closeCleanly(1000, "");
        }
    }

    @Test
    void topicCallsOnConnectionsThatAreNotMembersChangeNothing() throws Exception {
        start(ConnectionSettings.DEFAULTS);
        try (Wire wire = RawClient.upgrade(server.port(), "/ws", "")) {
            WebSocket socket = nextOpened();
            assertEquals(Set.of(), server.topics(socket), "a connection that never subscribed");
            assertFalse(server.unsubscribe(socket, "news"), "it was not subscribed");
            assertTrue(server.subscribe(socket, "news"));
            wire.send(Frame.close(1000, "")); // the server closes once it has answered
            socket.close(1000, "").get(10, TimeUnit.SECONDS); // completes once closed
            assertFalse(server.subscribe(socket, "news"), "a closed connection cannot join");
            assertEquals(Set.of(), server.subscribers("news"), "and left what it had joined");
        }
    }
}
