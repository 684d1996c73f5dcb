package dev.wsnio.client;

import dev.wsnio.server.WebSocketServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * What the tests of the reconnecting handle share: one client with one loop, the application's
 * events and the handle's states as recorded, and servers (or other resources) closed after
 * each test.
 */
abstract class ReconnectingTestBase {

    final WebSocketClient client = WebSocketClient.builder().eventLoops(1).build();
    final RecordingListener events = new RecordingListener();
    final StateRecorder states = new StateRecorder();
    final List<AutoCloseable> toClose = new ArrayList<>();
    private final ReconnectPolicy policy;

    /** @param policy the reconnection policy of {@link #reconnecting} */
    ReconnectingTestBase(ReconnectPolicy policy) {
        this.policy = policy;
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        for (AutoCloseable resource : toClose) {
            resource.close();
        }
    }

    /** Starts a server that is closed after the test. */
    WebSocketServer started(WebSocketServer.Builder builder) {
        WebSocketServer server = builder.build().start();
        toClose.add(server);
        return server;
    }

    /** A handle to {@code uri} with the test's policy, reporting to {@link #events} and {@link #states}. */
    ReconnectingWebSocket.Builder reconnecting(URI uri) {
        return client.reconnecting(ConnectOptions.of(uri), events).policy(policy).stateListener(states);
    }
}
