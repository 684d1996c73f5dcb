package dev.wsnio.conformance.interop;

import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A listener that records what our endpoint receives, for a test thread to take in order. */
final class Collector implements WebSocketListener {

    /** Something that happened on the connection. */
    sealed interface Event permits Text, Binary, Pong, Closed, Failed {
    }

    /** A text message. */
    record Text(String text) implements Event {
    }

    /** A binary message (copied). */
    record Binary(byte[] data) implements Event {
    }

    /** A pong, with its data as UTF-8. */
    record Pong(String data) implements Event {
    }

    /** The connection closed. */
    record Closed(int code, String reason) implements Event {
    }

    /** An error was reported. */
    record Failed(Throwable error) implements Event {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    @Override
    public void onText(WebSocket socket, String text) {
        events.add(new Text(text));
    }

    @Override
    public void onBinary(WebSocket socket, ByteBuffer data) {
        byte[] copy = new byte[data.remaining()];
        data.get(copy);
        events.add(new Binary(copy));
    }

    @Override
    public void onPong(WebSocket socket, ByteBuffer data) {
        events.add(new Pong(StandardCharsets.UTF_8.decode(data).toString()));
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        events.add(new Failed(error));
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason) {
        events.add(new Closed(code, reason));
    }

    /**
     * The next event of a type.
     *
     * @param type the expected type
     * @param <T> the type
     * @return the event
     * @throws AssertionError when nothing comes within 10 s or something else comes
     */
    <T extends Event> T next(Class<T> type) throws InterruptedException {
        Event event = events.poll(10, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no " + type.getSimpleName() + " within 10 s");
        }
        if (!type.isInstance(event)) {
            throw new AssertionError("expected " + type.getSimpleName() + " but got " + event);
        }
        return type.cast(event);
    }
}
