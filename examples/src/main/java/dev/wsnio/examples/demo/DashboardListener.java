package dev.wsnio.examples.demo;

import dev.wsnio.examples.JsonObject;
import dev.wsnio.examples.TimestampedLog;
import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;

/**
 * The dashboard's WebSocket endpoint, the notes' server: greets each user by id when the page
 * connects, answers {@code 你好服务器} with {@code 你好,客户端} (and anything else with what it
 * received), and logs opens, messages and closes. The metrics are pushed by
 * {@link MetricsPublisher}, not here.
 */
final class DashboardListener implements WebSocketListener {

    /** What the page's send button sends ("hello server"). */
    static final String HELLO_SERVER = "你好服务器";
    /** The answer to it ("hello, client"). */
    static final String HELLO_CLIENT = "你好,客户端";

    private static final int LOGGED_CHARACTERS = 200;

    private final TimestampedLog log;
    private final MessageCounter messages;
    private final long pushIntervalMillis;

    /**
     * Creates the listener.
     *
     * @param log where events are printed
     * @param messages counts messages sent and received
     * @param pushIntervalMillis how often metrics are pushed, told to the page in the greeting
     *     (so that it can tell a silent connection from a dead one)
     */
    DashboardListener(TimestampedLog log, MessageCounter messages, long pushIntervalMillis) {
        this.log = log;
        this.messages = messages;
        this.pushIntervalMillis = pushIntervalMillis;
    }

    @Override
    public void onOpen(WebSocket socket) {
        String uid = socket.attachment();
        log.println("open  " + uid + " from " + socket.remoteAddress());
        send(socket, new JsonObject().field("type", "greeting").field("uid", uid)
                .field("text", "你好, " + uid).field("pushIntervalMs", pushIntervalMillis).toString());
    }

    @Override
    public void onText(WebSocket socket, String text) {
        messages.add(1);
        String uid = socket.attachment();
        log.println("text  " + uid + ": " + shortened(text));
        String answer = text.equals(HELLO_SERVER) ? HELLO_CLIENT : "收到 (received): " + shortened(text);
        send(socket, new JsonObject().field("type", "reply").field("text", answer).toString());
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        log.println("error " + socket.attachment() + ": " + error);
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason) {
        log.println("close " + socket.attachment() + " " + code + (reason.isEmpty() ? "" : " " + reason));
    }

    private void send(WebSocket socket, String json) {
        // a full send queue fails this future: the page is too slow, and the reply is dropped
        socket.sendText(json);
        messages.add(1);
    }

    private static String shortened(String text) {
        return text.length() <= LOGGED_CHARACTERS ? text : text.substring(0, LOGGED_CHARACTERS) + "…";
    }
}
