package dev.wsnio.examples.demo;

import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.examples.JsonObject;
import dev.wsnio.examples.TimestampedLog;
import dev.wsnio.examples.demo.inspector.InspectableConnections;
import dev.wsnio.frame.MessageType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The dashboard's WebSocket endpoint, the notes' server: greets each user by id when the page
 * connects, answers {@code 你好服务器} with {@code 你好,客户端} (and anything else with what it
 * received), and logs opens, messages and closes. The metrics are pushed by
 * {@link MetricsPublisher}, not here.
 *
 * <p>For the page's frame inspector it also registers each connection (the page gets a token
 * that lets it, and only it, watch its own frames), and makes two kinds of frames a browser
 * cannot ask for through its API: {@link #ASK_FRAGMENTED} gets a message sent in three frames, and
 * {@link #ASK_PING} a ping with a payload, which the browser's pong must echo.
 */
final class DashboardListener implements WebSocketListener {

    /** What the page's send button sends ("hello server"). */
    static final String HELLO_SERVER = "你好服务器";
    /** The answer to it ("hello, client"). */
    static final String HELLO_CLIENT = "你好,客户端";
    /** Asks for a message sent in fragments (RFC 6455 §5.4). */
    static final String ASK_FRAGMENTED = "ask:fragmented";
    /** Asks for a ping with a payload (§5.5.2). */
    static final String ASK_PING = "ask:ping";
    /** The fragmented message: its UTF-8 bytes are cut in three, the first cut inside 片. */
    static final String FRAGMENTED_MESSAGE = "分片消息: one message, three frames";
    private static final int[] FRAGMENT_CUTS = {5, 17};

    private static final int LOGGED_CHARACTERS = 200;

    private final TimestampedLog log;
    private final MessageCounter messages;
    private final long pushIntervalMillis;
    private final InspectableConnections inspectables;
    private final Consumer<WebSocket> joinMetrics;

    /**
     * Creates the listener.
     *
     * @param log where events are printed
     * @param messages counts messages sent and received
     * @param pushIntervalMillis how often metrics are pushed, told to the page in the greeting
     *     (so that it can tell a silent connection from a dead one)
     * @param inspectables where each connection is registered for its page's inspector
     * @param joinMetrics subscribes a page to the metrics pushes
     */
    DashboardListener(TimestampedLog log, MessageCounter messages, long pushIntervalMillis,
                      InspectableConnections inspectables, Consumer<WebSocket> joinMetrics) {
        this.log = log;
        this.messages = messages;
        this.pushIntervalMillis = pushIntervalMillis;
        this.inspectables = inspectables;
        this.joinMetrics = joinMetrics;
    }

    @Override
    public void onOpen(WebSocket socket) {
        String uid = socket.attachment();
        log.println("open  " + uid + " from " + socket.remoteAddress()
                + (socket.extensions().isEmpty() ? "" : " with " + socket.extensions()));
        send(socket, new JsonObject().field("type", "greeting").field("uid", uid)
                .field("text", "你好, " + uid).field("pushIntervalMs", pushIntervalMillis).toString());
        send(socket, inspectables.register(socket, uid).credentials());
        joinMetrics.accept(socket);
    }

    @Override
    public void onText(WebSocket socket, String text) {
        messages.add(1);
        String uid = socket.attachment();
        log.println("text  " + uid + ": " + shortened(text));
        switch (text) {
            case ASK_FRAGMENTED -> sendFragmented(socket);
            case ASK_PING -> socket.ping(ByteBuffer.wrap(("ping for " + uid).getBytes(StandardCharsets.UTF_8)));
            default -> {
                String answer = text.equals(HELLO_SERVER) ? HELLO_CLIENT : "收到 (received): " + shortened(text);
                send(socket, new JsonObject().field("type", "reply").field("text", answer).toString());
            }
        }
    }

    @Override
    public void onBinary(WebSocket socket, ByteBuffer data) {
        messages.add(1);
        log.println("bytes " + socket.attachment() + ": " + data.remaining());
        send(socket, new JsonObject().field("type", "reply")
                .field("text", "收到 (received): " + data.remaining() + " bytes").toString());
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        log.println("error " + socket.attachment() + ": " + error);
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason) {
        inspectables.closed(socket);
        log.println("close " + socket.attachment() + " " + code + (reason.isEmpty() ? "" : " " + reason));
    }

    private void send(WebSocket socket, String json) {
        // a full send queue fails this future: the page is too slow, and the reply is dropped
        socket.sendText(json);
        messages.add(1);
    }

    /** One message in three frames: text FIN=0, continuation FIN=0, continuation FIN=1. */
    private void sendFragmented(WebSocket socket) {
        byte[] utf8 = FRAGMENTED_MESSAGE.getBytes(StandardCharsets.UTF_8);
        int from = 0;
        for (int cut : FRAGMENT_CUTS) {
            socket.sendFragment(MessageType.TEXT, ByteBuffer.wrap(Arrays.copyOfRange(utf8, from, cut)), false);
            from = cut;
        }
        socket.sendFragment(MessageType.TEXT, ByteBuffer.wrap(Arrays.copyOfRange(utf8, from, utf8.length)), true);
        messages.add(1);
    }

    private static String shortened(String text) {
        return text.length() <= LOGGED_CHARACTERS ? text : text.substring(0, LOGGED_CHARACTERS) + "…";
    }
}
