package example;

// README:BEGIN usage-example
import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.client.WebSocketClient;
import dev.wsnio.server.WebSocketServer;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A server that echoes, and a client that sends it one message and prints the answer. */
public class EchoOverWebSocket {
    public static void main(String[] args) throws Exception {
        try (WebSocketServer server = WebSocketServer.builder()
                .port(0) // any free port
                .websocket("/echo", new WebSocketListener() {
                    @Override
                    public void onText(WebSocket socket, String message) {
                        socket.sendText(message);
                    }
                })
                .build()
                .start();
             WebSocketClient client = WebSocketClient.builder().build()) {

            CompletableFuture<String> answer = new CompletableFuture<>();
            WebSocket socket = client.connect(URI.create("ws://127.0.0.1:" + server.port() + "/echo"),
                    new WebSocketListener() {
                        @Override
                        public void onText(WebSocket socket, String message) {
                            answer.complete(message);
                        }
                    }).get(10, TimeUnit.SECONDS);
            socket.sendText("hello from my project");
            System.out.println("echoed: " + answer.get(10, TimeUnit.SECONDS));
            socket.close(1000, "done").get(10, TimeUnit.SECONDS);
        }
    }
}
// README:END usage-example
