package dev.wsnio.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.client.RecordingListener.Kind;
import dev.wsnio.server.WebSocketServer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An {@link Error} in a client's listener stops the whole client: its connections tell their
 * servers 1011, later connects fail, and its threads end.
 */
class ClientFailureTest {

    @Test
    void anErrorInACallbackStopsTheWholeClient() throws Exception {
        EchoServer echo = new EchoServer();
        try (WebSocketServer server = echo.builder().build().start()) {
            WebSocketClient client = WebSocketClient.builder().eventLoops(2).build();
            WebSocket doomed = client.connect(EchoServer.uri(server, "/echo"), new WebSocketListener() {
                @Override
                public void onText(WebSocket socket, String text) {
                    throw new OutOfMemoryError("injected");
                }
            }).get(10, TimeUnit.SECONDS);
            client.connect(EchoServer.uri(server, "/echo"), EchoServer.quiet()).get(10, TimeUnit.SECONDS);
            echo.events.await(Kind.OPEN);
            echo.events.await(Kind.OPEN);

            doomed.sendText("answer me"); // the echo reaches the listener, which throws
            assertEquals(1011, echo.events.await(Kind.CLOSE).code());
            assertEquals(1011, echo.events.await(Kind.CLOSE).code(), "the other loop's connection too");

            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> client.connect(EchoServer.uri(server, "/echo"), EchoServer.quiet()).get(10, TimeUnit.SECONDS));
            assertInstanceOf(WebSocketConnectException.class, refused.getCause());
            assertTrue(client.isClosed());
            client.close(); // returns
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(thread -> thread.getName().startsWith("wsnio-client-loop") && thread.isAlive())) {
                assertTrue(System.nanoTime() - deadline < 0, "client loops still alive");
                Thread.sleep(10);
            }
        }
    }
}
