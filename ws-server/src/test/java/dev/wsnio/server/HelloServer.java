package dev.wsnio.server;

// README:BEGIN server-example
import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.server.HttpResponse;
import dev.wsnio.server.WebSocketServer;

/** The tutorial's Express + ws example: HTTP and WebSocket on port 3000. */
public class HelloServer {
    public static void main(String[] args) {
        WebSocketServer server = start(3000);
        System.out.println("listening on http://127.0.0.1:" + server.port());
    }

    static WebSocketServer start(int port) {
        return WebSocketServer.builder()
                .port(port)
                .http("/", request -> HttpResponse.builder(200).textBody("Hello World").build())
                .websocket("/", new WebSocketListener() {
                    @Override
                    public void onOpen(WebSocket socket) {
                        System.out.println("client connected: " + socket.remoteAddress());
                    }

                    @Override
                    public void onText(WebSocket socket, String message) {
                        System.out.println("received: " + message);
                        socket.sendText("你好,客户端");
                    }

                    @Override
                    public void onClose(WebSocket socket, int code, String reason) {
                        System.out.println("client disconnected: " + code);
                    }
                })
                .build()
                .start();
    }
}
// README:END server-example
