package dev.wsnio.examples.autobahn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.examples.Main;
import dev.wsnio.examples.PerMessageDeflateSetup;
import dev.wsnio.server.WebSocketEndpoint;
import dev.wsnio.server.WebSocketServer;
import dev.wsnio.testkit.ChildProcess;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code autobahn-client} against a stand-in for the Autobahn|Testsuite fuzzing server that
 * speaks its protocol: case count, cases that expect their messages echoed, report update.
 */
@Timeout(60)
class AutobahnClientProcessTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** What each case sends; the client must echo it unchanged, in kind and content. */
    private static final List<Object> CASES = List.of("hello", new byte[] {0, 1, 2, (byte) 0xfe}, "é".repeat(200_000));

    private final Set<String> events = ConcurrentHashMap.newKeySet();
    private WebSocketServer fuzzingServer;

    @BeforeEach
    void startFuzzingServer() {
        WebSocketServer.Builder builder = WebSocketServer.builder()
                .maxMessageSize(16 << 20)
                .websocket("/getCaseCount", new WebSocketListener() {
                    @Override
                    public void onOpen(WebSocket socket) {
                        socket.sendText(String.valueOf(CASES.size()));
                        socket.close();
                    }
                })
                .websocket("/runCase", WebSocketEndpoint.builder(new CaseListener())
                        .keepHeaders("Sec-WebSocket-Extensions").build())
                .websocket("/updateReports", new WebSocketListener() {
                    @Override
                    public void onOpen(WebSocket socket) {
                        events.add("reports " + socket.request().queryParameter("agent").orElse("-"));
                        socket.close();
                    }
                });
        fuzzingServer = PerMessageDeflateSetup.accept(builder).build().start();
    }

    @AfterEach
    void stopFuzzingServer() {
        fuzzingServer.close();
    }

    @Test
    void runsEveryCaseByEchoingAndUpdatesTheReports() throws Exception {
        try (ChildProcess client = ChildProcess.startJava(Main.class, "autobahn-client", "--url", "ws://127.0.0.1:" + fuzzingServer.port(),
                "--agent", "wsnio test")) {
            assertEquals(0, client.awaitExit(WAIT), client.err().text());
            client.awaitLine(Pattern.compile("case 3/3: closed 1000 \\(\\d+ ms\\)"), WAIT);
        }
        assertEquals(Set.of("case 1 echoed, deflate offered", "case 2 echoed, deflate offered",
                "case 3 echoed, deflate offered", "reports wsnio test"), events);
    }

    @Test
    void unreachableFuzzingServerExitsOne() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        try (ChildProcess client = ChildProcess.startJava(Main.class, "autobahn-client", "--url", "ws://127.0.0.1:" + closedPort)) {
            assertEquals(1, client.awaitExit(WAIT));
            assertTrue(client.err().text().startsWith("error: cannot get the case count from ws://127.0.0.1:" + closedPort),
                    client.err().text());
        }
    }

    /** Sends a case's message, checks the echo, and closes. */
    private final class CaseListener implements WebSocketListener {
        @Override
        public void onOpen(WebSocket socket) {
            Object message = CASES.get(caseNumber(socket) - 1);
            if (message instanceof String text) {
                socket.sendText(text);
            } else {
                socket.sendBinary(ByteBuffer.wrap((byte[]) message));
            }
        }

        @Override
        public void onText(WebSocket socket, String text) {
            finish(socket, text.equals(CASES.get(caseNumber(socket) - 1)));
        }

        @Override
        public void onBinary(WebSocket socket, ByteBuffer data) {
            Object expected = CASES.get(caseNumber(socket) - 1);
            finish(socket, expected instanceof byte[] bytes && ByteBuffer.wrap(bytes).equals(data));
        }

        private void finish(WebSocket socket, boolean echoed) {
            boolean deflate = socket.request().headers("Sec-WebSocket-Extensions").stream()
                    .anyMatch(offer -> offer.contains("permessage-deflate"));
            events.add("case " + caseNumber(socket) + (echoed ? " echoed" : " NOT echoed")
                    + (deflate ? ", deflate offered" : ", no deflate"));
            socket.close();
        }

        private int caseNumber(WebSocket socket) {
            return Integer.parseInt(socket.request().queryParameter("case").orElseThrow());
        }
    }
}
