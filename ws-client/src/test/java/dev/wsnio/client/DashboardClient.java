package dev.wsnio.client;

// README:BEGIN client-example
import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.client.ConnectOptions;
import dev.wsnio.client.Disconnection;
import dev.wsnio.client.ReconnectListener;
import dev.wsnio.client.ReconnectPolicy;
import dev.wsnio.client.ReconnectingWebSocket;
import dev.wsnio.client.WebSocketClient;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;

/** Prints what the demo server pushes to user ttq123, and comes back by itself when the server restarts. */
public class DashboardClient {
    public static void main(String[] args) {
        WebSocketClient client = WebSocketClient.builder()
                .heartbeat(Duration.ofSeconds(15), Duration.ofSeconds(10)) // notices a server that vanished
                .build();
        ReconnectingWebSocket socket = connect(client, URI.create("ws://127.0.0.1:3000/ws?uid=ttq123"),
                System.out::println);
        socket.sendText("你好服务器"); // waits in the outbox until the connection is open
        socket.closeFuture().join(); // until closed, or the policy gives up
        client.close();
    }

    static ReconnectingWebSocket connect(WebSocketClient client, URI uri, Consumer<String> print) {
        return client.reconnecting(ConnectOptions.of(uri), new WebSocketListener() {
                    @Override
                    public void onOpen(WebSocket socket) {
                        print.accept("connected to " + socket.remoteAddress());
                    }

                    @Override
                    public void onText(WebSocket socket, String message) {
                        print.accept("pushed: " + message);
                    }

                    @Override
                    public void onClose(WebSocket socket, int code, String reason) {
                        print.accept("disconnected: " + code + " " + reason);
                    }
                })
                .policy(ReconnectPolicy.defaults()) // random first delay ≤ 1 s, then 1, 2, 4 … 30 s
                .outbox(100, 64 * 1024)
                .stateListener(new ReconnectListener() {
                    @Override
                    public void onReconnectScheduled(int attempt, Duration delay) {
                        print.accept("reconnecting in " + delay.toMillis() + " ms (attempt " + attempt + ")");
                    }

                    @Override
                    public void onGaveUp(Disconnection last) {
                        print.accept("gave up after " + last);
                    }
                })
                .start();
    }
}
// README:END client-example
