package dev.wsnio.client;

import dev.wsnio.frame.MessageType;
import dev.wsnio.server.WebSocketEndpoint;
import dev.wsnio.server.WebSocketServer;
import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The project's server with an {@code /echo} endpoint that sends every message back, and a few
 * commands a test can send as text: {@code close:CODE:REASON} closes from the server side,
 * {@code fragments:A,B,C} answers with one message in those fragments, {@code ping:DATA} pings
 * the client. Everything the server's endpoint sees is recorded in {@link #events}.
 */
final class EchoServer {

    final RecordingListener events = new RecordingListener() {
        @Override
        public void onText(WebSocket socket, String text) {
            super.onText(socket, text);
            if (text.startsWith("close:")) {
                String[] parts = text.split(":", 3);
                socket.close(Integer.parseInt(parts[1]), parts[2]);
            } else if (text.startsWith("fragments:")) {
                String[] pieces = text.substring("fragments:".length()).split(",");
                for (int i = 0; i < pieces.length; i++) {
                    socket.sendFragment(MessageType.TEXT,
                            ByteBuffer.wrap(pieces[i].getBytes(StandardCharsets.UTF_8)), i == pieces.length - 1);
                }
            } else if (text.startsWith("ping:")) {
                socket.ping(ByteBuffer.wrap(text.substring(5).getBytes(StandardCharsets.UTF_8)));
            } else {
                socket.sendText(text);
            }
        }

        @Override
        public void onBinary(WebSocket socket, ByteBuffer data) {
            super.onBinary(socket, data);
            socket.sendBinary(ByteBuffer.allocate(data.remaining()).put(data.duplicate()).flip());
        }
    };

    /** A builder for a server on 127.0.0.1 with the echo endpoint, to configure further. */
    WebSocketServer.Builder builder() {
        return WebSocketServer.builder().eventLoops(1)
                .websocket("/echo", WebSocketEndpoint.builder(events).subprotocols("chat.v2", "chat.v1")
                        .keepHeaders("X-Trace", "Origin").build());
    }

    static URI uri(WebSocketServer server, String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + server.port() + pathAndQuery);
    }

    /** A listener that does nothing, for connections whose events do not matter. */
    static WebSocketListener quiet() {
        return new WebSocketListener() {
        };
    }
}
