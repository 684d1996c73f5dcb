package dev.wsnio.frame;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SessionListener} that records every event, as readable lines ({@link #events}) and as
 * data ({@link #deliveries}, {@link #errors}, {@link #closes}); it can be told to throw from
 * {@code onMessage}.
 */
final class RecordingListener implements SessionListener {

    /**
     * One call of {@code onMessage}.
     *
     * @param type the message type
     * @param bytes a copy of the bytes handed over
     * @param last the last flag
     * @param buffer the buffer object handed over (valid only during the call: for identity checks)
     * @param position the buffer's position during the call
     */
    record Delivery(MessageType type, byte[] bytes, boolean last, ByteBuffer buffer, int position) {
    }

    /** Every event as a line: "message TEXT Hello", "ping abc", "close 1000 bye", "error ...". */
    final List<String> events = new ArrayList<>();
    /** Every call of {@code onMessage}. */
    final List<Delivery> deliveries = new ArrayList<>();
    /** Every protocol error reported. */
    final List<WebSocketProtocolException> errors = new ArrayList<>();
    /** Every close frame received. */
    final List<CloseBody> closes = new ArrayList<>();

    private RuntimeException failure;

    /** Makes every later {@code onMessage} call throw this exception. */
    void throwOnMessage(RuntimeException exception) {
        this.failure = exception;
    }

    @Override
    public void onMessage(MessageType type, ByteBuffer payload, boolean last) {
        int position = payload.position();
        byte[] bytes = new byte[payload.remaining()];
        payload.duplicate().get(bytes);
        deliveries.add(new Delivery(type, bytes, last, payload, position));
        events.add("message " + type + " " + show(type, bytes) + (last ? "" : " (more)"));
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void onPing(ByteBuffer payload) {
        events.add("ping " + StandardCharsets.UTF_8.decode(payload.duplicate()));
    }

    @Override
    public void onPong(ByteBuffer payload) {
        events.add("pong " + StandardCharsets.UTF_8.decode(payload.duplicate()));
    }

    @Override
    public void onCloseReceived(CloseBody body) {
        closes.add(body);
        events.add("close " + body.code() + (body.reason().isEmpty() ? "" : " " + body.reason()));
    }

    @Override
    public void onProtocolError(WebSocketProtocolException error) {
        errors.add(error);
        events.add("error " + error.error());
    }

    /** The whole messages received, pieces joined, as "TEXT Hello" or "BINARY 3 bytes". */
    List<String> messages() {
        List<String> messages = new ArrayList<>();
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (Delivery delivery : deliveries) {
            joined.writeBytes(delivery.bytes());
            if (delivery.last()) {
                messages.add(delivery.type() + " " + show(delivery.type(), joined.toByteArray()));
                joined.reset();
            }
        }
        return messages;
    }

    /** How many deliveries carried the last flag. */
    long lastFlags() {
        return deliveries.stream().filter(Delivery::last).count();
    }

    private static String show(MessageType type, byte[] bytes) {
        return type == MessageType.TEXT ? new String(bytes, StandardCharsets.UTF_8) : bytes.length + " bytes";
    }
}
