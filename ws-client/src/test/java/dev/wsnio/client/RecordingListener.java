package dev.wsnio.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.wsnio.frame.MessageType;
import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records every callback, in order, for a test to take one by one. */
class RecordingListener implements WebSocketListener {

    /** One callback. */
    record Event(Kind kind, WebSocket socket, String text, byte[] data, boolean last, int code, Throwable error) {
        @Override
        public String toString() {
            return kind + (text != null ? " " + text : "") + (data != null ? " " + data.length + " bytes" : "")
                    + (kind == Kind.CLOSE ? " " + code : "") + (error != null ? " " + error : "");
        }
    }

    /** The callbacks. */
    enum Kind { OPEN, TEXT, BINARY, PART, PING, PONG, ERROR, CLOSE }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<Event> history = new CopyOnWriteArrayList<>();

    /** How many events of a kind arrived so far, taken or not. */
    long count(Kind kind) {
        return history.stream().filter(event -> event.kind() == kind).count();
    }

    /** The next event, waiting up to 10 s. */
    Event next() throws InterruptedException {
        Event event = events.poll(10, TimeUnit.SECONDS);
        assertNotNull(event, "no event within 10 s");
        return event;
    }

    /** The next event, which must be of this kind. */
    Event next(Kind kind) throws InterruptedException {
        Event event = next();
        assertEquals(kind, event.kind(), () -> "expected " + kind + " but got " + event);
        return event;
    }

    /** Skips events until one of this kind. */
    Event await(Kind kind) throws InterruptedException {
        Event event;
        do {
            event = next();
        } while (event.kind() != kind);
        return event;
    }

    /** The next event if one arrives within the time, else null. */
    Event poll(long millis) throws InterruptedException {
        return events.poll(millis, TimeUnit.MILLISECONDS);
    }

    private void add(Kind kind, WebSocket socket, String text, ByteBuffer data, boolean last, int code, Throwable error) {
        byte[] bytes = null;
        if (data != null) {
            bytes = new byte[data.remaining()];
            data.duplicate().get(bytes);
        }
        Event event = new Event(kind, socket, text, bytes, last, code, error);
        history.add(event);
        events.add(event);
    }

    @Override
    public void onOpen(WebSocket socket) {
        add(Kind.OPEN, socket, null, null, false, 0, null);
    }

    @Override
    public void onText(WebSocket socket, String text) {
        add(Kind.TEXT, socket, text, null, true, 0, null);
    }

    @Override
    public void onBinary(WebSocket socket, ByteBuffer data) {
        add(Kind.BINARY, socket, null, data, true, 0, null);
    }

    @Override
    public void onMessagePart(WebSocket socket, MessageType type, ByteBuffer data, boolean last) {
        add(Kind.PART, socket, type.name(), data, last, 0, null);
    }

    @Override
    public void onPing(WebSocket socket, ByteBuffer data) {
        add(Kind.PING, socket, null, data, true, 0, null);
    }

    @Override
    public void onPong(WebSocket socket, ByteBuffer data) {
        add(Kind.PONG, socket, null, data, true, 0, null);
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        add(Kind.ERROR, socket, null, null, false, 0, error);
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason) {
        add(Kind.CLOSE, socket, reason, null, false, code, null);
    }
}
